package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.OrganisationType;
import io.skyport.accounts.SshKeyId;
import io.skyport.billing.OrderId;
import io.skyport.billing.ResellerPrice;
import io.skyport.billing.ResellerPricing;
import io.skyport.billing.SubscriptionId;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductReference;
import io.skyport.catalog.ProductStatus;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeProjects;
import io.skyport.compute.ProjectId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Customers order plans. An order records the plan version and the price exactly as quoted (with a reseller's markup
 * when ordered on their storefront) and starts the subscription — a trial or a paid one — in the same transaction:
 * either everything is written, or nothing.
 */
@Service
class OrderService {

	static final int MAX_SSH_KEYS = 20;
	static final String BILLING_DETAILS_FIRST = "Add your billing details first: PUT /api/v1/billing/account "
			+ "(or the Billing details page), then order again.";

	private final Catalog catalog;
	private final Accounts accounts;
	private final BillingAccounts billingAccounts;
	private final Orders orders;
	private final Subscriptions subscriptions;
	private final TrialClaims trialClaims;
	private final ObjectProvider<ResellerPricing> resellerPricing;
	private final ComputeProjects projects;
	private final ComputeCapacity capacity;
	private final Clock clock;

	OrderService(Catalog catalog, Accounts accounts, BillingAccounts billingAccounts, Orders orders,
			Subscriptions subscriptions, TrialClaims trialClaims, ObjectProvider<ResellerPricing> resellerPricing,
			ComputeProjects projects, ComputeCapacity capacity, Clock clock) {
		this.catalog = catalog;
		this.accounts = accounts;
		this.billingAccounts = billingAccounts;
		this.orders = orders;
		this.subscriptions = subscriptions;
		this.trialClaims = trialClaims;
		this.resellerPricing = resellerPricing;
		this.projects = projects;
		this.capacity = capacity;
		this.clock = clock;
	}

	/**
	 * An order as sent to the API or the order page.
	 *
	 * @param storefront the slug of the reseller storefront the customer orders on, {@literal null} for the operator's.
	 * @param region the compute region to run the server in (its exact name); may be left out only when the plan
	 * can run in a single region.
	 */
	record OrderRequest(@Nullable UUID planId, @Nullable Boolean trial, @Nullable UUID projectId,
			@Nullable List<UUID> sshKeyIds, @Nullable String storefront, @Nullable String region) {
	}

	record PlacedOrder(OrderId orderId, SubscriptionId subscriptionId) {
	}

	/** An order as recorded, for its customer. */
	record OrderView(UUID id, UUID subscriptionId, UUID productId, String productName, UUID planId, int planVersion,
			String planName, boolean trial, int trialDays, OrderQuoteView price, @Nullable UUID projectId,
			List<UUID> sshKeyIds, @Nullable String region, Instant createdAt) {
	}

	/** The prices an order recorded. */
	record OrderQuoteView(BigDecimal listPrice, BigDecimal markupPercent, BigDecimal monthlyPrice, String currency,
			int bandwidthIncludedGib, BigDecimal bandwidthPricePerGib, @Nullable UUID resellerId,
			@Nullable String storefront) {
	}

	/**
	 * What ordering the plan would cost the customer, and whether they may: the order page shows this and
	 * {@link #place} records the same.
	 *
	 * @throws ForbiddenException for anyone but a customer.
	 * @throws NotFoundException for an unknown plan.
	 * @throws ConflictException if the product is withdrawn, the plan is off sale, or a trial is not possible.
	 * @throws InvalidInputException for an unknown storefront.
	 */
	@Transactional(readOnly = true)
	OrderQuote quote(CurrentUser customer, @Nullable UUID planId, boolean trial, @Nullable String storefront) {
		requireCustomer(customer);
		OrderQuote quote = price(planId, storefront);
		if (trial) {
			checkTrial(customer, quote);
		}
		return quote;
	}

	@Transactional(readOnly = true)
	boolean hasBillingDetails(CurrentUser customer) {
		return billingAccounts.existsById(customer.organisationId().id());
	}

	/**
	 * Places the order and starts its subscription, publishing {@code OrderPlaced} and {@code SubscriptionActivated}.
	 *
	 * @throws ConflictException also when the customer has no billing details yet ({@link #BILLING_DETAILS_FIRST}),
	 *         or when the region has no room for the plan right now (naming the region).
	 * @throws InvalidInputException for a missing plan, an unknown storefront, an SSH key not in the customer's
	 *         organisation, or a region that is missing (the plan runs in several), unknown or not the plan's.
	 * @throws NotFoundException for an unknown plan, or a project that is not the customer's.
	 */
	@Transactional
	PlacedOrder place(CurrentUser customer, OrderRequest request) {
		requireCustomer(customer);
		boolean trial = Boolean.TRUE.equals(request.trial());
		OrderQuote quote = price(request.planId(), request.storefront());
		if (!billingAccounts.existsById(customer.organisationId().id())) {
			throw new ConflictException(BILLING_DETAILS_FIRST);
		}
		if (trial) {
			checkTrial(customer, quote);
		}
		List<SshKeyId> keys = sshKeys(customer, request.sshKeyIds());
		requireOwnProject(customer, request.projectId());
		String region = region(quote.plan(), request.region());
		Instant now = clock.instant();
		SubscriptionId subscriptionId = new SubscriptionId(UUID.randomUUID());
		Order order = orders.save(new Order(customer, quote, trial, request.projectId(), keys, region, subscriptionId,
				now));
		Subscription subscription = subscriptions.saveAndFlush(new Subscription(subscriptionId, order, now));
		if (trial) {
			try {
				trialClaims.saveAndFlush(new TrialClaim(subscription, now));
			}
			catch (DataIntegrityViolationException ex) {
				throw new ConflictException("You already had a trial of " + quote.productName() + " on "
						+ Subscription.format(Subscription.day(now)) + ".");
			}
		}
		return new PlacedOrder(order.orderId(), subscriptionId);
	}

	/** @throws NotFoundException for an order of another organisation (operators see all). */
	@Transactional(readOnly = true)
	OrderView order(CurrentUser user, UUID id) {
		Order order = orders.findById(id)
			.filter(found -> user.isOperator() || found.organisationId().equals(user.organisationId()))
			.orElseThrow(() -> NotFoundException.of("order", id));
		UUID subscriptionId = subscriptions.findByOrderId(id).map(Subscription::id).orElseThrow();
		OrganisationId reseller = order.resellerId();
		return new OrderView(order.orderId().id(), subscriptionId, order.productId().id(), order.productName(),
				order.planId().id(), order.planVersion(), order.planName(), order.trial(), order.trialDays(),
				new OrderQuoteView(order.listPrice().amount(), plain(order.markupPercent()), order.monthlyPrice().amount(),
						order.monthlyPrice().currency(), order.bandwidthIncludedGib(), order.bandwidthPricePerGib().amount(),
						reseller == null ? null : reseller.id(), order.storefrontSlug()),
				order.projectId(), order.sshKeyIds().stream().map(SshKeyId::id).toList(), order.region(),
				order.createdAt());
	}

	/** 15.000 as 15, 12.500 as 12.5: percentages without the database's scale. */
	static BigDecimal plain(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}

	private OrderQuote price(@Nullable UUID planId, @Nullable String storefront) {
		if (planId == null) {
			throw InvalidInputException.of("planId", "Say which plan to order (planId).");
		}
		PlanSnapshot plan = catalog.currentPlan(new PlanId(planId)).orElseThrow(() -> NotFoundException.of("plan", planId));
		ProductReference product = catalog.productReference(plan.productId())
			.filter(found -> found.status() != ProductStatus.DRAFT)
			.orElseThrow(() -> NotFoundException.of("plan", planId));
		if (!plan.available()) {
			if (!product.isPublished()) {
				throw new ConflictException("'" + product.name() + "' was withdrawn by its vendor and can no longer be "
						+ "ordered; subscriptions to it continue.");
			}
			throw new ConflictException("The plan '" + plan.name() + "' of '" + product.name() + "' is no longer on sale; "
					+ "choose another plan on the product page.");
		}
		String slug = storefront == null || storefront.isBlank() ? null : storefront.strip().toLowerCase(Locale.ROOT);
		if (slug == null) {
			return new OrderQuote(plan, product.vendorId(), product.vendorName(), product.slug(), plan.monthlyPrice(),
					BigDecimal.ZERO, plan.monthlyPrice(), plan.bandwidthPricePerGib(), null, null, null);
		}
		ResellerPricing pricing = resellerPricing.getIfAvailable();
		Optional<ResellerPrice> resold = slug.length() > 100 || pricing == null ? Optional.empty()
				: pricing.price(slug, plan);
		ResellerPrice price = resold.orElseThrow(() -> InvalidInputException.of("storefront",
				"There is no storefront '" + storefront.strip() + "'; leave storefront out to order at list price."));
		return new OrderQuote(plan, product.vendorId(), product.vendorName(), product.slug(), plan.monthlyPrice(),
				price.markupPercent(), price.monthlyPrice(), price.bandwidthPricePerGib(), price.resellerId(), slug,
				price.storefrontName());
	}

	private void checkTrial(CurrentUser customer, OrderQuote quote) {
		if (!quote.hasTrial()) {
			throw new ConflictException("The plan '" + quote.planName() + "' of '" + quote.productName()
					+ "' has no free trial; order it without one.");
		}
		trialClaims.findById(new TrialClaim.Key(customer.organisationId().id(), quote.productId().id()))
			.ifPresent(claim -> {
				throw new ConflictException("You already had a trial of " + quote.productName() + " on "
						+ Subscription.format(Subscription.day(claim.claimedAt())) + ".");
			});
	}

	private List<SshKeyId> sshKeys(CurrentUser customer, @Nullable List<UUID> ids) {
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		if (ids.stream().anyMatch(id -> id == null)) {
			throw InvalidInputException.of("sshKeyIds", "The list of SSH keys has an empty entry.");
		}
		List<SshKeyId> distinct = new LinkedHashSet<>(ids).stream().map(SshKeyId::new).toList();
		if (distinct.size() > MAX_SSH_KEYS) {
			throw InvalidInputException.of("sshKeyIds", "Pick at most " + MAX_SSH_KEYS + " SSH keys.");
		}
		accounts.authorizedKeys(customer.organisationId(), distinct);
		return distinct;
	}

	/**
	 * The regions of the plan where a server of its size fits right now (a placement dry run): what the order page
	 * offers.
	 */
	@Transactional(readOnly = true)
	List<String> regionsWithRoom(PlanSnapshot plan) {
		return capacity.regionsWithRoomFor(plan.vcpus(), plan.memoryMib(), plan.totalDiskGib(), plan.regions());
	}

	/**
	 * The same for a plan a customer may order (the checks of {@link #quote}, without a trial).
	 *
	 * @throws NotFoundException for an unknown plan.
	 * @throws ConflictException if it cannot be ordered.
	 */
	@Transactional(readOnly = true)
	List<String> regionsWithRoom(CurrentUser customer, UUID planId) {
		return regionsWithRoom(quote(customer, planId, false, null).plan());
	}

	/**
	 * The region the order runs in: the one asked for, which the plan must allow, or the plan's only region when
	 * none was asked for; it must have room for the plan now (a dry run: nothing is reserved).
	 *
	 * @throws InvalidInputException field {@code region}: missing although the plan runs in several, not one of the
	 *         plan's, or unknown.
	 * @throws ConflictException if the region has no room for the plan, or there is no region at all.
	 */
	private String region(PlanSnapshot plan, @Nullable String requested) {
		String region = requested == null || requested.isBlank() ? null : requested.strip();
		if (region == null) {
			List<String> allowed = plan.regions().isEmpty() ? capacity.regions() : plan.regions();
			if (allowed.isEmpty()) {
				throw new ConflictException("There is no region to run the server in yet; try again once the "
						+ "operator has added compute nodes.");
			}
			if (allowed.size() > 1) {
				List<String> withRoom = regionsWithRoom(plan);
				throw InvalidInputException.of("region", withRoom.isEmpty()
						? "Say which region the server runs in (region); none of the plan's regions has room for it "
								+ "right now."
						: "Say which region the server runs in (region): " + names(withRoom) + ".");
			}
			region = allowed.getFirst();
		}
		else if (!plan.allowsRegion(region)) {
			throw InvalidInputException.of("region", "The plan '" + plan.name() + "' does not run in region '"
					+ abbreviate(region) + "'; it runs in " + names(plan.regions()) + ".");
		}
		capacity.requireRoom(region, plan.vcpus(), plan.memoryMib(), plan.totalDiskGib());
		return region;
	}

	/** Region names for a message: at most 20, then how many more. */
	private static String names(List<String> regions) {
		return regions.size() <= 20 ? String.join(", ", regions)
				: String.join(", ", regions.subList(0, 20)) + " and " + (regions.size() - 20) + " more";
	}

	private static String abbreviate(String text) {
		return text.length() > 50 ? text.substring(0, 50) + "…" : text;
	}

	/** @throws NotFoundException for an unknown project or another organisation's, as everywhere else. */
	private void requireOwnProject(CurrentUser customer, @Nullable UUID projectId) {
		if (projectId != null && !projects.belongsTo(new ProjectId(projectId), customer.organisationId())) {
			throw NotFoundException.of("project", projectId);
		}
	}

	static void requireCustomer(CurrentUser user) {
		if (!user.is(OrganisationType.CUSTOMER)) {
			throw new ForbiddenException("Only customer accounts can order; this is a "
					+ user.organisationType().label().toLowerCase(Locale.ROOT) + " account.");
		}
	}
}
