package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.BillingPeriod;
import io.skyport.billing.OrderId;
import io.skyport.billing.SubscriptionActivated;
import io.skyport.billing.SubscriptionCancellationScheduled;
import io.skyport.billing.SubscriptionCancelled;
import io.skyport.billing.SubscriptionExpired;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.SubscriptionResumed;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.SubscriptionSummary;
import io.skyport.billing.SubscriptionSuspended;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.ProductId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.money.Money;

/**
 * A customer's subscription to a plan version at the price of its order. Its state changes only through the methods
 * below, each of which checks that the change is allowed ({@link ConflictException} with the reason otherwise) and
 * registers the event other modules act on. Days are UTC days.
 */
@Entity
@Table(name = "subscriptions")
class Subscription extends AbstractAggregateRoot<Subscription> {

	static final int MAX_REASON_LENGTH = 500;
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

	@Id
	private UUID id;

	private UUID orderId;

	private UUID organisationId;

	private UUID productId;

	private String productName;

	private UUID vendorOrganisationId;

	private @Nullable UUID resellerOrganisationId;

	private UUID planId;

	private int planVersion;

	private String planName;

	private BigDecimal monthlyPrice;

	private String currency;

	private int bandwidthIncludedGib;

	private BigDecimal bandwidthPricePerGib;

	@Enumerated(EnumType.STRING)
	private SubscriptionState state;

	private @Nullable Instant trialEndsAt;

	private boolean keepAfterTrial;

	private @Nullable LocalDate activatedOn;

	private boolean cancelAtPeriodEnd;

	private @Nullable Instant cancelledAt;

	private @Nullable LocalDate endsOn;

	private @Nullable String stateReason;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	/**
	 * A subscription for a new order: a trial of {@code order.trialDays()} days from {@code now}, or a paid
	 * subscription activated today.
	 */
	Subscription(SubscriptionId id, Order order, Instant now) {
		this.id = id.id();
		this.orderId = order.orderId().id();
		this.organisationId = order.organisationId().id();
		this.productId = order.productId().id();
		this.productName = order.productName();
		this.vendorOrganisationId = order.vendorId().id();
		this.resellerOrganisationId = order.resellerId() == null ? null : order.resellerId().id();
		this.planId = order.planId().id();
		this.planVersion = order.planVersion();
		this.planName = order.planName();
		this.monthlyPrice = order.monthlyPrice().amount();
		this.currency = order.monthlyPrice().currency();
		this.bandwidthIncludedGib = order.bandwidthIncludedGib();
		this.bandwidthPricePerGib = order.bandwidthPricePerGib().amount();
		this.createdAt = now;
		this.updatedAt = now;
		if (order.trial()) {
			this.state = SubscriptionState.TRIAL;
			this.trialEndsAt = now.plus(order.trialDays(), ChronoUnit.DAYS);
		}
		else {
			this.state = SubscriptionState.ACTIVE;
			this.activatedOn = day(now);
		}
		registerEvent(activated(order, order.trial(), false));
	}

	@SuppressWarnings("NullAway.Init")
	protected Subscription() {
	}

	/** The customer decides whether a trial turns into a paid subscription at its end; they may change their mind. */
	void keepAfterTrial(boolean keep, Instant now) {
		if (state != SubscriptionState.TRIAL) {
			throw new ConflictException("Only a trial can be kept or let go; this subscription is " + label() + ".");
		}
		this.keepAfterTrial = keep;
		this.updatedAt = now;
	}

	/**
	 * At the trial's end: {@code TRIAL → ACTIVE} (activated on the trial's last moment's day) if the customer kept it,
	 * else {@code TRIAL → EXPIRED}.
	 *
	 * @param order this subscription's order (its SSH keys and project travel with the activation event).
	 */
	void endTrial(Order order, Instant now) {
		if (state != SubscriptionState.TRIAL) {
			throw new ConflictException("The subscription is " + label() + ", not in a trial.");
		}
		Instant end = trialEndsAt();
		if (now.isBefore(end)) {
			throw new ConflictException("The trial runs until " + end + ".");
		}
		if (!order.orderId().id().equals(orderId)) {
			throw new IllegalArgumentException("Order " + order.orderId() + " is not the order of subscription " + id);
		}
		this.updatedAt = now;
		if (keepAfterTrial) {
			this.state = SubscriptionState.ACTIVE;
			this.activatedOn = day(end);
			registerEvent(activated(order, false, true));
		}
		else {
			this.state = SubscriptionState.EXPIRED;
			this.endsOn = day(end);
			registerEvent(new SubscriptionExpired(subscriptionId(), organisationId(), day(end)));
		}
	}

	/** {@code ACTIVE → SUSPENDED}. */
	void suspend(String reason, Instant now) {
		if (state != SubscriptionState.ACTIVE) {
			throw new ConflictException("Only an active subscription can be suspended; this one is " + label() + ".");
		}
		this.state = SubscriptionState.SUSPENDED;
		this.stateReason = reason(reason);
		this.updatedAt = now;
		registerEvent(new SubscriptionSuspended(subscriptionId(), organisationId(), this.stateReason));
	}

	/** {@code SUSPENDED → ACTIVE}: the anniversary day stays. */
	void resume(Instant now) {
		if (state != SubscriptionState.SUSPENDED) {
			throw new ConflictException("Only a suspended subscription can be resumed; this one is " + label() + ".");
		}
		this.state = SubscriptionState.ACTIVE;
		this.stateReason = null;
		this.updatedAt = now;
		registerEvent(new SubscriptionResumed(subscriptionId(), organisationId()));
	}

	/**
	 * The customer cancels at the end of the current period: it keeps running until then. A trial has no paid period,
	 * so cancelling one ends it now.
	 */
	void cancelAtPeriodEnd(Instant now) {
		if (state == SubscriptionState.TRIAL) {
			cancelNow(null, now);
			return;
		}
		requireLive();
		if (cancelAtPeriodEnd) {
			throw new ConflictException("The subscription is already cancelled; it ends on " + DAY.format(endsOn()) + ".");
		}
		this.cancelAtPeriodEnd = true;
		this.endsOn = currentPeriod(day(now)).end();
		this.updatedAt = now;
		registerEvent(new SubscriptionCancellationScheduled(subscriptionId(), organisationId(), endsOn()));
	}

	/** {@code TRIAL | ACTIVE | SUSPENDED → CANCELLED} today, also if a cancellation at period end was pending. */
	void cancelNow(@Nullable String reason, Instant now) {
		requireLive();
		this.state = SubscriptionState.CANCELLED;
		this.cancelledAt = now;
		this.endsOn = day(now);
		this.stateReason = reason == null ? null : reason(reason);
		this.updatedAt = now;
		registerEvent(new SubscriptionCancelled(subscriptionId(), organisationId(), endsOn(), true, this.stateReason));
	}

	/** The period-end cancellation takes effect once its day has come: {@code ACTIVE | SUSPENDED → CANCELLED}. */
	void endAtPeriodEnd(Instant now) {
		if (!cancelAtPeriodEnd || !state.isLive()) {
			throw new ConflictException("The subscription has no cancellation pending.");
		}
		LocalDate end = endsOn();
		if (day(now).isBefore(end)) {
			throw new ConflictException("The subscription runs until " + DAY.format(end) + ".");
		}
		this.state = SubscriptionState.CANCELLED;
		this.cancelledAt = now;
		this.updatedAt = now;
		registerEvent(new SubscriptionCancelled(subscriptionId(), organisationId(), end, false, null));
	}

	/** The billing period containing {@code day}; only once activated. */
	BillingPeriod currentPeriod(LocalDate day) {
		LocalDate anchor = activatedOn;
		if (anchor == null) {
			throw new IllegalStateException("Subscription " + id + " has no billing period before it is activated");
		}
		return BillingPeriod.containing(anchor, day.isBefore(anchor) ? anchor : day);
	}

	boolean trialDue(Instant now) {
		return state == SubscriptionState.TRIAL && !now.isBefore(trialEndsAt());
	}

	boolean cancellationDue(Instant now) {
		return cancelAtPeriodEnd && state.isLive() && endsOn != null && !day(now).isBefore(endsOn);
	}

	private void requireLive() {
		if (!state.isLive()) {
			throw new ConflictException("The subscription has already ended (" + label() + " since "
					+ DAY.format(endsOn()) + ").");
		}
	}

	private SubscriptionActivated activated(Order order, boolean trial, boolean converted) {
		return new SubscriptionActivated(subscriptionId(), organisationId(), orderId(), productId(), planId(),
				planVersion, trial, converted, order.projectId(), order.sshKeyIds(), order.region());
	}

	private String label() {
		return state.name().toLowerCase(Locale.ROOT);
	}

	private static String reason(String reason) {
		String text = reason.strip();
		if (text.isEmpty()) {
			throw new IllegalArgumentException("A reason is required");
		}
		return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
	}

	static LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	static String format(LocalDate day) {
		return DAY.format(day);
	}

	SubscriptionSummary summary(Order order) {
		return new SubscriptionSummary(subscriptionId(), orderId(), organisationId(), productId(), productName,
				new OrganisationId(vendorOrganisationId),
				resellerOrganisationId == null ? null : new OrganisationId(resellerOrganisationId), planId(), planVersion,
				planName, order.listPrice(), order.markupPercent(), monthlyPrice(), bandwidthIncludedGib,
				Money.rounded(bandwidthPricePerGib, currency), state, trialEndsAt, keepAfterTrial, activatedOn,
				cancelAtPeriodEnd, endsOn, cancelledAt, stateReason, createdAt);
	}

	/** The events registered by the changes so far and not yet published (they are, when the subscription is saved). */
	List<Object> registeredEvents() {
		return List.copyOf(domainEvents());
	}

	SubscriptionId subscriptionId() {
		return new SubscriptionId(id);
	}

	UUID id() {
		return id;
	}

	OrderId orderId() {
		return new OrderId(orderId);
	}

	OrganisationId organisationId() {
		return new OrganisationId(organisationId);
	}

	ProductId productId() {
		return new ProductId(productId);
	}

	OrganisationId vendorId() {
		return new OrganisationId(vendorOrganisationId);
	}

	@Nullable OrganisationId resellerId() {
		return resellerOrganisationId == null ? null : new OrganisationId(resellerOrganisationId);
	}

	String productName() {
		return productName;
	}

	PlanId planId() {
		return new PlanId(planId);
	}

	SubscriptionState state() {
		return state;
	}

	Money monthlyPrice() {
		return Money.rounded(monthlyPrice, currency);
	}

	Instant trialEndsAt() {
		if (trialEndsAt == null) {
			throw new IllegalStateException("Subscription " + id + " had no trial");
		}
		return trialEndsAt;
	}

	boolean keepAfterTrial() {
		return keepAfterTrial;
	}

	@Nullable LocalDate activatedOn() {
		return activatedOn;
	}

	boolean cancelAtPeriodEnd() {
		return cancelAtPeriodEnd;
	}

	LocalDate endsOn() {
		if (endsOn == null) {
			throw new IllegalStateException("Subscription " + id + " has no end");
		}
		return endsOn;
	}

	@Nullable String stateReason() {
		return stateReason;
	}
}
