package io.skyport.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.LockedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.web.ClientAddresses;

/**
 * Locks sign-in after too many failures within a sliding window (default 15 minutes): for an e-mail address after
 * 10, whether or not an account exists, so a lock tells an attacker nothing; and for a source address after 50,
 * whatever e-mail addresses were tried, so one address spraying many accounts is stopped. The source address comes
 * from {@link ClientAddresses} (a proxy's header only when the proxy is trusted); an IPv6 address counts by its /64
 * network, the block one subscriber usually gets. Kept in the database, so every Skyport server behind a load
 * balancer sees the same counts.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ClientAddresses clientAddresses;
	private final int maxFailures;
	private final int maxFailuresPerAddress;
	private final Duration window;

	LoginThrottle(JdbcClient jdbc, Clock clock, ClientAddresses clientAddresses,
			@Value("${skyport.accounts.login.max-failures:10}") int maxFailures,
			@Value("${skyport.accounts.login.max-failures-per-address:50}") int maxFailuresPerAddress,
			@Value("${skyport.accounts.login.lock-window:15m}") Duration window) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.clientAddresses = clientAddresses;
		this.maxFailures = maxFailures;
		this.maxFailuresPerAddress = maxFailuresPerAddress;
		this.window = window;
	}

	/** @throws LockedException with a message saying how long the lock lasts. */
	@Transactional(readOnly = true)
	void checkNotLocked(String email) {
		Instant now = clock.instant();
		Optional<String> address = addressKey();
		if (address.isPresent()) {
			List<Instant> failures = recentFailures("login_failures_by_address", "address", address.get(),
					maxFailuresPerAddress, now);
			if (failures.size() >= maxFailuresPerAddress) {
				long minutes = minutesLeft(failures, now);
				throw new LockedException("Too many failed sign-in attempts from your network address. Try again in "
						+ minutes + (minutes == 1 ? " minute." : " minutes."));
			}
		}
		List<Instant> failures = recentFailures("login_failures", "email", key(email), maxFailures, now);
		if (failures.size() >= maxFailures) {
			long minutes = minutesLeft(failures, now);
			throw new LockedException("Too many failed sign-in attempts for this account. It is locked for " + minutes
					+ (minutes == 1 ? " more minute." : " more minutes."));
		}
	}

	private List<Instant> recentFailures(String table, String column, String value, int limit, Instant now) {
		return jdbc.sql("select failed_at from " + table + " where " + column + " = :value and failed_at > :since "
				+ "order by failed_at desc limit :limit")
			.param("value", value)
			.param("since", java.sql.Timestamp.from(now.minus(window)))
			.param("limit", limit)
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
	}

	private long minutesLeft(List<Instant> failures, Instant now) {
		Instant unlocksAt = failures.getLast().plus(window);
		return Math.max(1, (Duration.between(now, unlocksAt).toSeconds() + 59) / 60);
	}

	/** Recorded in its own transaction: a failed sign-in rolls back everything else but must still count. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void recordFailure(String email) {
		java.sql.Timestamp at = java.sql.Timestamp.from(clock.instant());
		jdbc.sql("insert into login_failures (email, failed_at) values (:email, :at)")
			.param("email", key(email))
			.param("at", at)
			.update();
		addressKey().ifPresent(address -> jdbc.sql("insert into login_failures_by_address (address, failed_at) "
				+ "values (:address, :at)")
			.param("address", address)
			.param("at", at)
			.update());
	}

	/** Forgets the e-mail address's failures; the source address's stay until they leave the window. */
	@Transactional
	void recordSuccess(String email) {
		jdbc.sql("delete from login_failures where email = :email").param("email", key(email)).update();
	}

	private static String key(String email) {
		String normalised = EmailAddress.normalise(email);
		return normalised.length() <= 254 ? normalised : normalised.substring(0, 254);
	}

	/** The source address as counted: IPv4 as it is, IPv6 as its /64 network ({@code 2001:db8:1:2::/64}). */
	private Optional<String> addressKey() {
		return clientAddresses.current().map(LoginThrottle::network);
	}

	static String network(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		String full = address.indexOf('%') < 0 ? address : address.substring(0, address.indexOf('%'));
		try {
			// A literal with colons is never looked up in DNS.
			full = java.net.InetAddress.getByName(full).getHostAddress();
		}
		catch (java.net.UnknownHostException | IllegalArgumentException ex) {
			// counted as given
		}
		String[] groups = full.split(":", -1);
		if (groups.length == 8) {
			return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
		}
		return full.length() <= 64 ? full : full.substring(0, 64);
	}

	/** Deletes failures older than the window (a recurring task in {@link AccountJobs}). */
	@Transactional
	void forgetExpiredFailures() {
		java.sql.Timestamp before = java.sql.Timestamp.from(clock.instant().minus(window));
		jdbc.sql("delete from login_failures where failed_at < :before").param("before", before).update();
		jdbc.sql("delete from login_failures_by_address where failed_at < :before").param("before", before).update();
	}
}
