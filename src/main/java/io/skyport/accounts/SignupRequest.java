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

import io.skyport.platform.errors.ConflictException;

/**
 * A vendor's or reseller's request for an account. Only a pending request can be decided, once; approval creates
 * the organisation and its owner with the password chosen at sign-up.
 */
@Entity
@Table(name = "signup_requests")
class SignupRequest extends AbstractAggregateRoot<SignupRequest> {

	enum Status {
		PENDING, APPROVED, REJECTED
	}

	@Id
	private UUID id;

	@Enumerated(EnumType.STRING)
	private OrganisationType organisationType;

	private String organisationName;

	private String name;

	private String email;

	private String passwordHash;

	private @Nullable String message;

	@Enumerated(EnumType.STRING)
	private Status status;

	private @Nullable String decisionReason;

	private @Nullable UUID decidedBy;

	private @Nullable Instant decidedAt;

	private Instant createdAt;

	@Version
	private @Nullable Long version;

	SignupRequest(OrganisationType organisationType, String organisationName, String name, EmailAddress email,
			String passwordHash, @Nullable String message, Instant now) {
		if (organisationType != OrganisationType.VENDOR && organisationType != OrganisationType.RESELLER) {
			throw new IllegalArgumentException("Only vendors and resellers request accounts, not " + organisationType);
		}
		this.id = UUID.randomUUID();
		this.organisationType = organisationType;
		this.organisationName = organisationName;
		this.name = name;
		this.email = email.value();
		this.passwordHash = passwordHash;
		this.message = message;
		this.status = Status.PENDING;
		this.createdAt = now;
		registerEvent(new PartnerSignupRequested(id, organisationType));
	}

	@SuppressWarnings("NullAway.Init")
	protected SignupRequest() {
	}

	/** Marks the request approved; the caller creates the organisation and user in the same transaction. */
	void approve(UserId operator, Instant now) {
		decide(Status.APPROVED, operator, null, now);
	}

	void reject(UserId operator, String reason, Instant now) {
		decide(Status.REJECTED, operator, reason, now);
	}

	private void decide(Status decision, UserId operator, @Nullable String reason, Instant now) {
		if (status != Status.PENDING) {
			throw new ConflictException("This request was already " + status.name().toLowerCase() + ".");
		}
		this.status = decision;
		this.decidedBy = operator.id();
		this.decidedAt = now;
		this.decisionReason = reason;
		registerEvent(new PartnerSignupDecided(id, decision == Status.APPROVED, organisationType, organisationName,
				email, operator, reason));
	}

	UUID id() {
		return id;
	}

	OrganisationType organisationType() {
		return organisationType;
	}

	String organisationName() {
		return organisationName;
	}

	String name() {
		return name;
	}

	EmailAddress email() {
		return new EmailAddress(email);
	}

	String passwordHash() {
		return passwordHash;
	}

	@Nullable String message() {
		return message;
	}

	Status status() {
		return status;
	}

	@Nullable String decisionReason() {
		return decisionReason;
	}

	@Nullable Instant decidedAt() {
		return decidedAt;
	}

	Instant createdAt() {
		return createdAt;
	}
}
