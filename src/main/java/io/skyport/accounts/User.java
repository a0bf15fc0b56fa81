package io.skyport.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * A person who signs in. The e-mail address is stored normalised (trimmed, lower case) and unique.
 */
@Entity
@Table(name = "users")
class User extends AbstractAggregateRoot<User> {

	@Id
	private UUID id;

	private UUID organisationId;

	private String email;

	private String name;

	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private MemberRole role;

	private Instant createdAt;

	private Instant passwordChangedAt;

	@Version
	private @Nullable Long version;

	private User(Organisation organisation, EmailAddress email, String name, String passwordHash, MemberRole role,
			Instant now) {
		this.id = UUID.randomUUID();
		this.organisationId = organisation.id().id();
		this.email = email.value();
		this.name = name;
		this.passwordHash = passwordHash;
		this.role = role;
		this.createdAt = now;
		this.passwordChangedAt = now;
		registerEvent(new UserRegistered(id(), organisation.id(), organisation.type()));
	}

	@SuppressWarnings("NullAway.Init")
	protected User() {
	}

	/** The first user of a new organisation, who owns it. */
	static User owner(Organisation organisation, EmailAddress email, String name, String passwordHash, Instant now) {
		return new User(organisation, email, name, passwordHash, MemberRole.OWNER, now);
	}

	void changePassword(String newPasswordHash, Instant now) {
		this.passwordHash = newPasswordHash;
		this.passwordChangedAt = now;
		registerEvent(new PasswordChanged(new UserId(id), now));
	}

	/** Re-hashes with the current encoder settings after a successful sign-in with an outdated hash. */
	void upgradePasswordHash(String newPasswordHash) {
		this.passwordHash = newPasswordHash;
	}

	void rename(String name) {
		this.name = name;
	}

	UserId id() {
		return new UserId(id);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	String email() {
		return email;
	}

	String name() {
		return name;
	}

	String passwordHash() {
		return passwordHash;
	}

	MemberRole role() {
		return role;
	}

	Instant createdAt() {
		return createdAt;
	}

	Instant passwordChangedAt() {
		return passwordChangedAt;
	}
}
