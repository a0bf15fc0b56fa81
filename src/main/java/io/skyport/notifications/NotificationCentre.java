package io.skyport.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Notices per organisation ({@code notices}, one row per idempotency key) and who has read them
 * ({@code notice_reads}, one row per user and notice). Every look-up is scoped by the caller's organisation, so another
 * organisation's notice is not found.
 */
@Service
class NotificationCentre implements Notices {

	static final int DEFAULT_PAGE_SIZE = 20;
	static final int MAX_PAGE_SIZE = 100;

	private final JdbcClient jdbc;
	private final Clock clock;

	NotificationCentre(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A notice as one user sees it. */
	record NoticeView(UUID id, String title, String body, @Nullable String link, Instant createdAt, boolean read) {
	}

	/** One page of a user's notices, newest first, and how many of all their notices are unread. */
	record NoticePage(List<NoticeView> notices, int page, int size, boolean hasMore, long unread) {
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void post(NoticeRequest request) {
		jdbc.sql("""
				insert into notices (id, idempotency_key, organisation_id, title, body, link, created_at)
				values (:id, :key, :organisation, :title, :body, :link, :now)
				on conflict (idempotency_key) do nothing""")
			.param("id", UUID.randomUUID())
			.param("key", request.idempotencyKey())
			.param("organisation", request.organisationId().id())
			.param("title", request.title())
			.param("body", request.body())
			.param("link", request.link())
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	/** @throws InvalidInputException for a negative page or a size outside 1–{@value #MAX_PAGE_SIZE}. */
	@Transactional(readOnly = true)
	NoticePage page(CurrentUser user, int page, int size) {
		if (page < 0 || page > 100_000) {
			throw InvalidInputException.of("page", "The page number must be between 0 and 100000.");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw InvalidInputException.of("size", "The page size must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		List<NoticeView> rows = jdbc.sql("""
				select n.id, n.title, n.body, n.link, n.created_at, r.notice_id is not null as read
				from notices n left join notice_reads r on r.notice_id = n.id and r.user_id = :user
				where n.organisation_id = :organisation
				order by n.created_at desc, n.id desc limit :limit offset :offset""")
			.param("user", user.userId().id())
			.param("organisation", user.organisationId().id())
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query((rs, row) -> new NoticeView(rs.getObject("id", UUID.class), rs.getString("title"),
					rs.getString("body"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
					rs.getBoolean("read")))
			.list();
		boolean hasMore = rows.size() > size;
		return new NoticePage(hasMore ? rows.subList(0, size) : rows, page, size, hasMore, unread(user));
	}

	/** How many of the organisation's notices this user has not read: one count on indexed columns. */
	@Transactional(readOnly = true)
	long unread(CurrentUser user) {
		return jdbc.sql("""
				select count(*) from notices n
				where n.organisation_id = :organisation
				and not exists (select 1 from notice_reads r where r.user_id = :user and r.notice_id = n.id)""")
			.param("organisation", user.organisationId().id())
			.param("user", user.userId().id())
			.query(Long.class)
			.single();
	}

	/**
	 * Marks one notice read for this user (again: no change).
	 *
	 * @throws NotFoundException if the notice does not exist or is another organisation's.
	 */
	@Transactional
	void markRead(CurrentUser user, UUID noticeId) {
		int marked = jdbc.sql("""
				insert into notice_reads (user_id, notice_id, read_at)
				select :user, n.id, :now from notices n where n.id = :notice and n.organisation_id = :organisation
				on conflict do nothing""")
			.param("user", user.userId().id())
			.param("notice", noticeId)
			.param("organisation", user.organisationId().id())
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (marked == 0 && !exists(user, noticeId)) {
			throw NotFoundException.of("notification", noticeId);
		}
	}

	/** Marks every notice of the user's organisation read for this user; returns how many were unread. */
	@Transactional
	int markAllRead(CurrentUser user) {
		return jdbc.sql("""
				insert into notice_reads (user_id, notice_id, read_at)
				select :user, n.id, :now from notices n where n.organisation_id = :organisation
				on conflict do nothing""")
			.param("user", user.userId().id())
			.param("organisation", user.organisationId().id())
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	private boolean exists(CurrentUser user, UUID noticeId) {
		return jdbc.sql("select count(*) from notices where id = :notice and organisation_id = :organisation")
			.param("notice", noticeId)
			.param("organisation", user.organisationId().id())
			.query(Long.class)
			.single() > 0;
	}
}
