package io.skyport.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks sign-in for an e-mail address after too many failures within a sliding window (default: 10 in 15
 * minutes). Counted per address whether or not an account exists, so a lock tells an attacker nothing; kept in
 * the database, so every Skyport server behind a load balancer sees the same count.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final int maxFailures;
	private final Duration window;

	LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${skyport.accounts.login.max-failures:10}") int maxFailures,
			@Value("${skyport.accounts.login.lock-window:15m}") Duration window) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.window = window;
	}

	/** @throws LockedException with a message saying how long the lock lasts. */
	@Transactional(readOnly = true)
	void checkNotLocked(String email) {
		Instant now = clock.instant();
		List<Instant> failures = jdbc.sql("""
				select failed_at from login_failures where email = :email and failed_at > :since
				order by failed_at desc limit :limit""")
			.param("email", key(email))
			.param("since", java.sql.Timestamp.from(now.minus(window)))
			.param("limit", maxFailures)
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
		if (failures.size() >= maxFailures) {
			Instant unlocksAt = failures.getLast().plus(window);
			long minutes = Math.max(1, (Duration.between(now, unlocksAt).toSeconds() + 59) / 60);
			throw new LockedException("Too many failed sign-in attempts for this account. It is locked for " + minutes
					+ (minutes == 1 ? " more minute." : " more minutes."));
		}
	}

	/** Recorded in its own transaction: a failed sign-in rolls back everything else but must still count. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(String email) {
		jdbc.sql("insert into login_failures (email, failed_at) values (:email, :at)")
			.param("email", key(email))
			.param("at", java.sql.Timestamp.from(clock.instant()))
			.update();
	}

	@Transactional
	void recordSuccess(String email) {
		jdbc.sql("delete from login_failures where email = :email").param("email", key(email)).update();
	}

	private static String key(String email) {
		String normalised = EmailAddress.normalise(email);
		return normalised.length() <= 254 ? normalised : normalised.substring(0, 254);
	}

	@Scheduled(fixedDelayString = "${skyport.accounts.login.cleanup-interval:10m}")
	@Transactional
	void forgetExpiredFailures() {
		jdbc.sql("delete from login_failures where failed_at < :before")
			.param("before", java.sql.Timestamp.from(clock.instant().minus(window)))
			.update();
	}
}
