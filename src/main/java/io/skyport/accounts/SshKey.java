package io.skyport.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An SSH public key of a user, stored in canonical one-line form ({@code type base64}) with its SHA256
 * fingerprint; a user holds each key once.
 */
@Entity
@Table(name = "ssh_keys")
class SshKey extends AbstractAggregateRoot<SshKey> {

	@Id
	private UUID id;

	private UUID userId;

	private String name;

	private String type;

	private int bits;

	private String fingerprint;

	private String publicKey;

	private @Nullable String comment;

	private Instant createdAt;

	@Version
	private @Nullable Long version;

	SshKey(UserId userId, String name, ParsedSshKey key, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.userId = userId.id();
		this.name = name;
		this.type = key.type();
		this.bits = key.bits();
		this.fingerprint = key.fingerprint();
		this.publicKey = key.publicKey();
		this.comment = key.comment();
		this.createdAt = createdAt;
		registerEvent(new SshKeyAdded(userId, id(), name, fingerprint));
	}

	@SuppressWarnings("NullAway.Init")
	protected SshKey() {
	}

	SshKey markRemoved() {
		registerEvent(new SshKeyRemoved(userId(), id(), name, fingerprint));
		return this;
	}

	SshKeyId id() {
		return new SshKeyId(id);
	}

	UserId userId() {
		return new UserId(userId);
	}

	String name() {
		return name;
	}

	String type() {
		return type;
	}

	int bits() {
		return bits;
	}

	String fingerprint() {
		return fingerprint;
	}

	String publicKey() {
		return publicKey;
	}

	@Nullable String comment() {
		return comment;
	}

	Instant createdAt() {
		return createdAt;
	}
}
