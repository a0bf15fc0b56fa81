package io.skyport.compute.nodes;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

import io.skyport.platform.errors.ConflictException;

/**
 * A token hosts present to register themselves as nodes, until it expires or is revoked; optionally limited to one
 * region. Only its SHA-256 is kept.
 */
@Entity
@Table(name = "compute_enrolment_tokens")
class EnrolmentToken {

	enum Status {
		ACTIVE, EXPIRED, REVOKED
	}

	@Id
	private UUID id;

	private String name;

	private byte[] tokenHash;

	private String tokenHint;

	private @Nullable String region;

	private Instant expiresAt;

	private @Nullable Instant revokedAt;

	private int uses;

	private @Nullable Instant lastUsedAt;

	private Instant createdAt;

	@Version
	private @Nullable Long version;

	EnrolmentToken(String name, byte[] tokenHash, String tokenHint, @Nullable String region, Instant expiresAt,
			Instant now) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.tokenHash = tokenHash.clone();
		this.tokenHint = tokenHint;
		this.region = region;
		this.expiresAt = expiresAt;
		this.createdAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected EnrolmentToken() {
	}

	Status status(Instant now) {
		if (revokedAt != null) {
			return Status.REVOKED;
		}
		return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
	}

	void revoke(Instant now) {
		if (revokedAt != null) {
			throw new ConflictException("The enrolment token '" + name + "' is already revoked.");
		}
		revokedAt = now;
	}

	/** A host enrolled with this token. */
	void used(Instant now) {
		uses++;
		lastUsedAt = now;
	}

	UUID id() {
		return id;
	}

	String name() {
		return name;
	}

	byte[] tokenHash() {
		return tokenHash.clone();
	}

	String tokenHint() {
		return tokenHint;
	}

	@Nullable String region() {
		return region;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	@Nullable Instant revokedAt() {
		return revokedAt;
	}

	int uses() {
		return uses;
	}

	@Nullable Instant lastUsedAt() {
		return lastUsedAt;
	}

	Instant createdAt() {
		return createdAt;
	}
}
