package io.skyport.compute.nocloud;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * The access audit of an instance's data source, newest first, for the instance's owner (the organisation its seed
 * was issued to) and operators. Anyone else is told the instance does not exist.
 */
@Service
class DataSourceAccesses {

	static final int MAX_PAGE_SIZE = 200;

	private final JdbcClient jdbc;
	private final SeedStore seeds;

	DataSourceAccesses(JdbcClient jdbc, SeedStore seeds) {
		this.jdbc = jdbc;
		this.seeds = seeds;
	}

	/**
	 * Recorded accesses: one, or {@code count} identical ones (same address, user agent, document and status) between
	 * {@code at} and {@code lastAt}, within one write batch (about 200 ms). {@code document} is the path's last segment,
	 * e.g. {@code meta-data}.
	 */
	record DataSourceAccess(Instant at, Instant lastAt, int count, String sourceAddress, @Nullable String userAgent,
			String document, int status) {
	}

	/**
	 * A page of access rows; {@code total} counts rows, {@code requests} the accesses they stand for;
	 * {@code configuredAt} is when the instance's latest seed was first phoned home.
	 */
	record AccessPage(UUID instanceId, @Nullable Instant configuredAt, List<DataSourceAccess> accesses, int page,
			int size, long total, long requests) {

		public int totalPages() {
			return (int) ((total + size - 1) / size);
		}

		public boolean hasPrevious() {
			return page > 0;
		}

		public boolean hasNext() {
			return page + 1 < totalPages();
		}
	}

	/**
	 * @throws NotFoundException if the instance has no seed or belongs to another organisation (for non-operators).
	 * @throws InvalidInputException for a negative page or a size outside 1–{@value #MAX_PAGE_SIZE}.
	 */
	@Transactional(readOnly = true)
	AccessPage page(CurrentUser user, UUID instanceId, int page, int size) {
		if (page < 0 || page > 100_000) {
			throw InvalidInputException.of("page", "The page number must be between 0 and 100000.");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw InvalidInputException.of("size", "The page size must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		UUID owner = seeds.owner(instanceId).orElseThrow(() -> NotFoundException.of("instance", instanceId));
		if (!user.isOperator() && !owner.equals(user.organisationId().id())) {
			throw NotFoundException.of("instance", instanceId);
		}
		long[] totals = jdbc.sql("""
				select count(*), coalesce(sum(count), 0) from compute_nocloud_accesses where instance_id = :instance""")
			.param("instance", instanceId)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		List<DataSourceAccess> accesses = jdbc.sql("""
				select accessed_at, last_accessed_at, count, source_address, user_agent, kind, status
				from compute_nocloud_accesses
				where instance_id = :instance order by accessed_at desc, id desc limit :size offset :offset""")
			.param("instance", instanceId)
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new DataSourceAccess(rs.getTimestamp("accessed_at").toInstant(),
					rs.getTimestamp("last_accessed_at").toInstant(), rs.getInt("count"), rs.getString("source_address"), rs.getString("user_agent"), rs.getString("kind"), rs.getInt("status")))
			.list();
		return new AccessPage(instanceId, seeds.configuredAt(instanceId).orElse(null), accesses, page, size, totals[0],
				totals[1]);
	}
}
