package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.domain.Persistable;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.SshKeyId;
import io.skyport.billing.OrderId;
import io.skyport.billing.OrderPlaced;
import io.skyport.billing.SubscriptionId;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.ProductId;
import io.skyport.platform.money.Money;

/**
 * What a customer bought and the price they saw, written once and never changed: later catalog or storefront
 * changes do not touch it.
 */
@Entity
@Table(name = "orders")
@Immutable
class Order extends AbstractAggregateRoot<Order> implements Persistable<UUID> {

	@Id
	private UUID id;

	private UUID organisationId;

	private UUID userId;

	private UUID productId;

	private String productName;

	private UUID vendorOrganisationId;

	private UUID planId;

	private int planVersion;

	private String planName;

	private @Nullable UUID resellerOrganisationId;

	private @Nullable String storefrontSlug;

	private BigDecimal listPrice;

	private BigDecimal markupPercent;

	private BigDecimal monthlyPrice;

	private String currency;

	private int bandwidthIncludedGib;

	private BigDecimal bandwidthPricePerGib;

	private boolean trial;

	private int trialDays;

	private @Nullable UUID projectId;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "uuid[]")
	private List<UUID> sshKeyIds = new ArrayList<>();

	private @Nullable String region;

	private Instant createdAt;

	@Transient
	private boolean stored;

	Order(CurrentUser customer, OrderQuote quote, boolean trial, @Nullable UUID projectId, List<SshKeyId> sshKeys,
			String region, SubscriptionId subscriptionId, Instant now) {
		this.id = UUID.randomUUID();
		this.organisationId = customer.organisationId().id();
		this.userId = customer.userId().id();
		this.productId = quote.productId().id();
		this.productName = quote.productName();
		this.vendorOrganisationId = quote.vendorId().id();
		this.planId = quote.planId().id();
		this.planVersion = quote.planVersion();
		this.planName = quote.planName();
		this.resellerOrganisationId = quote.resellerId() == null ? null : quote.resellerId().id();
		this.storefrontSlug = quote.storefrontSlug();
		this.listPrice = quote.listPrice().amount();
		this.markupPercent = quote.markupPercent();
		this.monthlyPrice = quote.monthlyPrice().amount();
		this.currency = quote.monthlyPrice().currency();
		this.bandwidthIncludedGib = quote.bandwidthIncludedGib();
		this.bandwidthPricePerGib = quote.bandwidthPricePerGib().amount();
		this.trial = trial;
		this.trialDays = trial ? quote.trialDays() : 0;
		this.projectId = projectId;
		this.sshKeyIds = new ArrayList<>(sshKeys.stream().map(SshKeyId::id).toList());
		this.region = region;
		this.createdAt = now;
		registerEvent(new OrderPlaced(orderId(), subscriptionId, organisationId(), customer.userId(), productId(), planId(),
				planVersion, trial, monthlyPrice(), resellerId()));
	}

	@SuppressWarnings("NullAway.Init")
	protected Order() {
	}

	@Override
	public UUID getId() {
		return id;
	}

	/** Orders are only ever inserted. */
	@Override
	public boolean isNew() {
		return !stored;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.stored = true;
	}

	OrderId orderId() {
		return new OrderId(id);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	ProductId productId() {
		return new ProductId(productId);
	}

	String productName() {
		return productName;
	}

	OrganisationId vendorId() {
		return new OrganisationId(vendorOrganisationId);
	}

	PlanId planId() {
		return new PlanId(planId);
	}

	int planVersion() {
		return planVersion;
	}

	String planName() {
		return planName;
	}

	@Nullable OrganisationId resellerId() {
		return resellerOrganisationId == null ? null : new OrganisationId(resellerOrganisationId);
	}

	@Nullable String storefrontSlug() {
		return storefrontSlug;
	}

	Money listPrice() {
		return Money.rounded(listPrice, currency);
	}

	BigDecimal markupPercent() {
		return markupPercent;
	}

	Money monthlyPrice() {
		return Money.rounded(monthlyPrice, currency);
	}

	int bandwidthIncludedGib() {
		return bandwidthIncludedGib;
	}

	Money bandwidthPricePerGib() {
		return Money.rounded(bandwidthPricePerGib, currency);
	}

	boolean trial() {
		return trial;
	}

	int trialDays() {
		return trialDays;
	}

	@Nullable UUID projectId() {
		return projectId;
	}

	List<SshKeyId> sshKeyIds() {
		return sshKeyIds.stream().map(SshKeyId::new).toList();
	}

	/** The compute region ordered; {@literal null} for orders placed before orders had a region. */
	@Nullable String region() {
		return region;
	}

	Instant createdAt() {
		return createdAt;
	}
}
