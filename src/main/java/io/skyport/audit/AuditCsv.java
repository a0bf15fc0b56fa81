package io.skyport.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Audit entries as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed). A cell that a spreadsheet
 * would take for a formula — starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return —
 * is prefixed with a single quote, so an e-mail address or user agent an attacker chose cannot run in the operator's
 * spreadsheet (CSV injection).
 */
final class AuditCsv {

	static final String MEDIA_TYPE = "text/csv";

	static final List<String> HEADER = List.of("occurred_at", "id", "action", "outcome", "actor_email",
			"actor_user_id", "actor_role", "actor_organisation", "actor_organisation_id", "organisation_id",
			"target_type", "target_id", "target_label", "source_address", "user_agent", "details");

	private final Writer out;

	AuditCsv(Writer out) {
		this.out = out;
	}

	void header() {
		row(HEADER);
	}

	void entry(AuditEntry entry) {
		row(java.util.Arrays.asList(entry.occurredAt().toString(), entry.id().toString(), entry.action(),
				entry.outcome().name(), entry.actorEmail(), text(entry.actorUserId()), entry.actorRole(),
				entry.actorOrganisationName(), text(entry.actorOrganisationId()), text(entry.organisationId()),
				entry.targetType(), entry.targetId(), entry.targetLabel(), entry.sourceAddress(), entry.userAgent(),
				entry.details()));
	}

	private void row(List<? extends @Nullable String> cells) {
		try {
			for (int i = 0; i < cells.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				out.write(cell(cells.get(i)));
			}
			out.write("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String cell(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String safe = switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
			default -> value;
		};
		if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

	private static @Nullable String text(@Nullable UUID id) {
		return id == null ? null : id.toString();
	}
}
