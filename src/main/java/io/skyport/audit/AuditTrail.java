package io.skyport.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends entries and reads them back. Appending joins the caller's transaction, so an entry commits or rolls back
 * with the action it records. Reading is scoped: operators may read everything; everyone else reads the entries of
 * their own organisation — those its users made and those that concern it — and nothing else (another
 * organisation's entry is <em>not found</em>).
 */
@Service
class AuditTrail {

	static final int MAX_PAGE_SIZE = 200;
	static final int DEFAULT_PAGE_SIZE = 50;
	static final int MAX_PAGE = 10_000;

	private static final String COLUMNS = """
			id, occurred_at, actor_user_id, actor_email, actor_organisation_id, actor_organisation_name, actor_role,
			organisation_id, action, target_type, target_id, target_label, outcome, source_address, user_agent,
			details::text as details""";

	private final NamedParameterJdbcTemplate jdbc;
	private final NamedParameterJdbcTemplate streaming;
	private final AuditContext context;
	private final JsonMapper json;
	private final Clock clock;

	AuditTrail(DataSource dataSource, AuditContext context, JsonMapper json, Clock clock) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		JdbcTemplate cursor = new JdbcTemplate(dataSource);
		cursor.setFetchSize(500);
		this.streaming = new NamedParameterJdbcTemplate(cursor);
		this.context = context;
		this.json = json;
		this.clock = clock;
	}

	/** Who may read what: everything (operators' whole trail) or one organisation's entries. */
	record Scope(@Nullable UUID organisationId) {

		static final Scope EVERYTHING = new Scope(null);

		/**
		 * @param whole whether the whole trail is asked for.
		 * @throws ForbiddenException if someone other than an operator asks for the whole trail.
		 */
		static Scope of(CurrentUser viewer, boolean whole) {
			if (whole) {
				if (!viewer.isOperator()) {
					throw new ForbiddenException("Only operators see the whole audit trail.");
				}
				return EVERYTHING;
			}
			return new Scope(viewer.organisationId().id());
		}
	}

	/** One page of entries, newest first. */
	record Page(List<AuditEntry> entries, int page, int size, boolean hasMore) {
	}

	@Transactional
	UUID append(AuditEntry.NewEntry entry) {
		UUID id = UUID.randomUUID();
		AuditEntry.Actor actor = entry.actor();
		AuditEntry.Target target = entry.target();
		MapSqlParameterSource params = new MapSqlParameterSource()
			.addValue("id", id)
			.addValue("at", Timestamp.from(clock.instant()))
			.addValue("actorUserId", actor.userId())
			.addValue("actorEmail", clipOrNull(actor.email(), 254))
			.addValue("actorOrganisationId", actor.organisationId())
			.addValue("actorOrganisationName", clipOrNull(actor.organisationName(), 200))
			.addValue("actorRole", actor.role())
			.addValue("organisationId", entry.organisationId())
			.addValue("action", entry.action())
			.addValue("targetType", target == null ? null : target.type())
			.addValue("targetId", target == null ? null : clip(target.id(), 64))
			.addValue("targetLabel", target == null ? null : clip(target.label(), 300))
			.addValue("outcome", entry.outcome().name())
			.addValue("address", clipOrNull(context.address(), 64))
			.addValue("userAgent", context.userAgent())
			.addValue("details", json.writeValueAsString(cleanDetails(entry.details())));
		jdbc.update("""
				insert into audit_entries (id, occurred_at, actor_user_id, actor_email, actor_organisation_id,
					actor_organisation_name, actor_role, organisation_id, action, target_type, target_id, target_label,
					outcome, source_address, user_agent, details)
				values (:id, :at, :actorUserId, :actorEmail, :actorOrganisationId, :actorOrganisationName, :actorRole,
					:organisationId, :action, :targetType, :targetId, :targetLabel, :outcome, :address, :userAgent,
					cast(:details as jsonb))""", params);
		return id;
	}

	/**
	 * @param page from 0.
	 * @param size 1 to {@value #MAX_PAGE_SIZE}.
	 */
	@Transactional(readOnly = true)
	Page search(Scope scope, AuditFilter filter, int page, int size) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(scope, filter, params);
		params.addValue("limit", size + 1).addValue("offset", (long) page * size);
		List<AuditEntry> rows = jdbc.query("select " + COLUMNS + " from audit_entries" + where
				+ " order by occurred_at desc, seq desc limit :limit offset :offset", params, AuditTrail::entry);
		boolean more = rows.size() > size;
		return new Page(more ? new ArrayList<>(rows.subList(0, size)) : rows, page, size, more);
	}

	/** @throws NotFoundException also for another organisation's entry. */
	@Transactional(readOnly = true)
	AuditEntry get(Scope scope, UUID id) {
		MapSqlParameterSource params = new MapSqlParameterSource("id", id);
		String where = where(scope, AuditFilter.NONE, params);
		return jdbc.query("select " + COLUMNS + " from audit_entries" + where + " and id = :id", params, AuditTrail::entry)
			.stream()
			.findFirst()
			.orElseThrow(() -> NotFoundException.of("audit entry", id));
	}

	/** Every matching entry, newest first, read with a cursor: memory stays flat however many there are. */
	@Transactional(readOnly = true)
	void export(Scope scope, AuditFilter filter, Consumer<AuditEntry> sink) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(scope, filter, params);
		streaming.query("select " + COLUMNS + " from audit_entries" + where + " order by occurred_at desc, seq desc",
				params, (org.springframework.jdbc.core.RowCallbackHandler) rs -> sink.accept(entry(rs, 0)));
	}

	private static String where(Scope scope, AuditFilter filter, MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		conditions.add("true");
		if (scope.organisationId() != null) {
			conditions.add("(actor_organisation_id = :scope or organisation_id = :scope)");
			params.addValue("scope", scope.organisationId());
		}
		if (filter.from() != null) {
			conditions.add("occurred_at >= :from");
			params.addValue("from", Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("occurred_at < :to");
			params.addValue("to", Timestamp.from(filter.to()));
		}
		if (filter.actor() != null) {
			conditions.add("strpos(lower(actor_email), :actor) > 0");
			params.addValue("actor", filter.actor());
		}
		if (filter.organisationId() != null) {
			conditions.add("(actor_organisation_id = :organisation or organisation_id = :organisation)");
			params.addValue("organisation", filter.organisationId());
		}
		if (filter.action() != null) {
			// The action is checked to hold only letters, digits, '-' and '.': no LIKE wildcards.
			conditions.add("(action = :action or action like :actionPrefix)");
			params.addValue("action", filter.action()).addValue("actionPrefix", filter.action() + ".%");
		}
		if (filter.outcome() != null) {
			conditions.add("outcome = :outcome");
			params.addValue("outcome", filter.outcome().name());
		}
		if (filter.targetType() != null) {
			conditions.add("target_type = :targetType");
			params.addValue("targetType", filter.targetType());
		}
		if (filter.targetId() != null) {
			conditions.add("target_id = :targetId");
			params.addValue("targetId", filter.targetId());
		}
		return " where " + String.join(" and ", conditions);
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(),
				rs.getObject("actor_user_id", UUID.class), rs.getString("actor_email"),
				rs.getObject("actor_organisation_id", UUID.class), rs.getString("actor_organisation_name"),
				rs.getString("actor_role"), rs.getObject("organisation_id", UUID.class), rs.getString("action"),
				rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_label"),
				AuditEntry.Outcome.valueOf(rs.getString("outcome")), rs.getString("source_address"),
				rs.getString("user_agent"), rs.getString("details"));
	}

	Map<String, Object> details(AuditEntry entry) {
		@SuppressWarnings("unchecked")
		Map<String, Object> details = json.readValue(entry.details(), Map.class);
		return details;
	}

	/**
	 * At most {@code max} characters, control characters and lone surrogates replaced (PostgreSQL refuses NUL; the
	 * rest would only garble a page or a CSV file).
	 */
	static String clip(String value, int max) {
		String cut = value.length() <= max ? value : value.substring(0, max - 1) + "…";
		StringBuilder clean = null;
		for (int i = 0; i < cut.length(); i++) {
			char c = cut.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
			boolean bad = c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !pair
					&& !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(cut.charAt(i - 1)));
			if (bad && clean == null) {
				clean = new StringBuilder(cut.substring(0, i));
			}
			if (clean != null) {
				clean.append(bad ? '\uFFFD' : c);
			}
		}
		return clean == null ? cut : clean.toString();
	}

	private static Map<String, ?> cleanDetails(Map<String, ?> details) {
		Map<String, Object> clean = new java.util.LinkedHashMap<>();
		details.forEach((key, value) -> clean.put(key, value instanceof String text ? clip(text, 500) : value));
		return clean;
	}

	private static @Nullable String clipOrNull(@Nullable String value, int max) {
		return value == null ? null : clip(value, max);
	}

	Instant now() {
		return clock.instant();
	}
}
