package io.skyport.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/**
 * A personal API token. Only the SHA-256 of the secret is stored; the secret is shown once when issued.
 */
@Entity
@Table(name = "api_tokens")
class ApiToken {

	/** Last-use times are recorded at this granularity, so an API call rarely writes. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	@Id
	private UUID id;

	private UUID userId;

	private String name;

	private byte[] tokenHash;

	private String tokenHint;

	private Instant createdAt;

	private @Nullable Instant lastUsedAt;

	@Version
	private @Nullable Long version;

	ApiToken(UserId userId, String name, byte[] tokenHash, String tokenHint, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.userId = userId.id();
		this.name = name;
		this.tokenHash = tokenHash.clone();
		this.tokenHint = tokenHint;
		this.createdAt = createdAt;
	}

	@SuppressWarnings("NullAway.Init")
	protected ApiToken() {
	}

	/** @return whether the recorded last use changed (and the token needs saving). */
	boolean markUsed(Instant now) {
		if (lastUsedAt != null && Duration.between(lastUsedAt, now).compareTo(LAST_USED_PRECISION) < 0) {
			return false;
		}
		lastUsedAt = now;
		return true;
	}

	UUID id() {
		return id;
	}

	UserId userId() {
		return new UserId(userId);
	}

	String name() {
		return name;
	}

	String tokenHint() {
		return tokenHint;
	}

	Instant createdAt() {
		return createdAt;
	}

	@Nullable Instant lastUsedAt() {
		return lastUsedAt;
	}
}
