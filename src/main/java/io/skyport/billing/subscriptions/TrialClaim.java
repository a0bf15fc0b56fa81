package io.skyport.billing.subscriptions;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

/** An organisation used its one trial of a product; the primary key keeps it to one, even under concurrent orders. */
@Entity
@Table(name = "trial_claims")
@IdClass(TrialClaim.Key.class)
@Immutable
class TrialClaim implements Persistable<TrialClaim.Key> {

	record Key(UUID organisationId, UUID productId) implements Serializable {
	}

	@Id
	private UUID organisationId;

	@Id
	private UUID productId;

	private UUID subscriptionId;

	private Instant claimedAt;

	@Transient
	private boolean stored;

	TrialClaim(Subscription subscription, Instant now) {
		this.organisationId = subscription.organisationId().id();
		this.productId = subscription.productId().id();
		this.subscriptionId = subscription.id();
		this.claimedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected TrialClaim() {
	}

	@Override
	public Key getId() {
		return new Key(organisationId, productId);
	}

	/** A claim made here is always inserted, so a duplicate is a unique violation, never a silent merge. */
	@Override
	public boolean isNew() {
		return !stored;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.stored = true;
	}

	Instant claimedAt() {
		return claimedAt;
	}
}
