package io.skyport.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An immutable version of a plan, as subscriptions bought it. */
@Entity
@Table(name = "plan_versions")
@IdClass(PlanVersion.Key.class)
class PlanVersion {

	record Key(UUID planId, int number) implements Serializable {
	}

	@Id
	private UUID planId;

	@Id
	private int number;

	@Embedded
	private PlanSpec spec;

	private Instant createdAt;

	PlanVersion(Plan plan, Instant now) {
		this.planId = plan.planId().id();
		this.number = plan.versionNumber();
		this.spec = plan.spec();
		this.createdAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected PlanVersion() {
	}

	int number() {
		return number;
	}

	PlanSpec spec() {
		return spec;
	}

	Instant createdAt() {
		return createdAt;
	}
}
