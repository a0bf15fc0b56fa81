package io.skyport.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.compute.ImageId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.money.Money;

/**
 * A plan of a product with its current spec. Every change bumps {@code versionNumber}; the service appends the
 * matching immutable {@link PlanVersion} in the same transaction.
 */
@Entity
@Table(name = "plans")
class Plan extends AbstractAggregateRoot<Plan> {

	@Id
	private UUID id;

	private UUID productId;

	private int position;

	private int versionNumber;

	private boolean archived;

	@Embedded
	private PlanSpec spec;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	Plan(ProductId productId, int position, PlanSpec spec, Instant now) {
		this.id = UUID.randomUUID();
		this.productId = productId.id();
		this.position = position;
		this.versionNumber = 1;
		this.spec = spec;
		this.createdAt = now;
		this.updatedAt = now;
		registerEvent(new PlanChanged(planId(), productId, versionNumber));
	}

	@SuppressWarnings("NullAway.Init")
	protected Plan() {
	}

	/** @return the new version number. */
	int change(PlanSpec newSpec, Instant now) {
		if (newSpec.sameAs(spec)) {
			throw new ConflictException("Nothing changed in the plan '" + spec.name() + "'.");
		}
		this.spec = newSpec;
		this.versionNumber++;
		this.updatedAt = now;
		registerEvent(new PlanChanged(planId(), productId(), versionNumber));
		return versionNumber;
	}

	void archive(Instant now) {
		if (archived) {
			throw new ConflictException("The plan '" + spec.name() + "' is already off sale.");
		}
		archived = true;
		updatedAt = now;
		registerEvent(new PlanChanged(planId(), productId(), versionNumber));
	}

	void restore(Instant now) {
		if (!archived) {
			throw new ConflictException("The plan '" + spec.name() + "' is already on sale.");
		}
		archived = false;
		updatedAt = now;
		registerEvent(new PlanChanged(planId(), productId(), versionNumber));
	}

	PlanSnapshot snapshot(String productName, boolean productPublished) {
		return snapshotOf(planId(), versionNumber, productId(), productName, spec, productPublished && !archived);
	}

	static PlanSnapshot snapshotOf(PlanId planId, int versionNumber, ProductId productId, String productName,
			PlanSpec spec, boolean available) {
		return new PlanSnapshot(planId, versionNumber, productId, productName, spec.name(), spec.vcpus(),
				spec.memoryMib(), spec.diskGib(), spec.dataDiskGib(), spec.dataDiskMountPoint(),
				new ImageId(spec.imageId()), Money.rounded(spec.monthlyPrice(), spec.currency()),
				spec.bandwidthIncludedGib(), Money.rounded(spec.bandwidthPricePerGib(), spec.currency()), spec.trialDays(),
				available, spec.regions());
	}

	PlanId planId() {
		return new PlanId(id);
	}

	ProductId productId() {
		return new ProductId(productId);
	}

	int versionNumber() {
		return versionNumber;
	}

	int position() {
		return position;
	}

	boolean archived() {
		return archived;
	}

	PlanSpec spec() {
		return spec;
	}
}
