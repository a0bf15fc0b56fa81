package io.skyport.billing.subscriptions;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.billing.BillingDetails;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.subscriptions.BillingAccountService.BillingDetailsForm;
import io.skyport.billing.subscriptions.OrderService.OrderRequest;
import io.skyport.billing.subscriptions.OrderService.OrderView;
import io.skyport.billing.subscriptions.OrderService.PlacedOrder;
import io.skyport.billing.subscriptions.SubscriptionService.SubscriptionPage;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.money.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Billing details, orders and subscriptions. Customers order and manage their own subscriptions; vendors, resellers
 * and operators list the subscriptions they have a stake in. Someone else's subscription or order is 404.
 */
@RestController
@Tag(name = "Billing")
class BillingApiController {

	private final BillingAccountService accounts;
	private final OrderService orders;
	private final SubscriptionService subscriptions;

	BillingApiController(BillingAccountService accounts, OrderService orders, SubscriptionService subscriptions) {
		this.accounts = accounts;
		this.orders = orders;
		this.subscriptions = subscriptions;
	}

	record BillingAccountResponse(String legalName, String billingEmail, String addressLine1,
			@Nullable String addressLine2, String postalCode, String city, String country, @Nullable String vatNumber,
			boolean business) {

		static BillingAccountResponse of(BillingDetails details) {
			return new BillingAccountResponse(details.legalName(), details.billingEmail(), details.addressLine1(),
					details.addressLine2(), details.postalCode(), details.city(), details.country(), details.vatNumber(),
					details.business());
		}
	}

	@GetMapping("/api/v1/billing/account")
	@Operation(summary = "Your organisation's billing details (customers)")
	BillingAccountResponse billingAccount(@AuthenticationPrincipal CurrentUser user) {
		return accounts.mine(user).map(BillingAccountResponse::of).orElseThrow(() -> new NotFoundException(
				"Your organisation has no billing details yet; add them with PUT /api/v1/billing/account."));
	}

	@PutMapping("/api/v1/billing/account")
	@Operation(summary = "Set your organisation's billing details (customers)",
			description = "All required except addressLine2 and vatNumber. country: ISO 3166-1 alpha-2 (DE, FR, GB…). "
					+ "vatNumber: two letters and 2–13 letters or digits, spaces ignored. business: a business customer.")
	BillingAccountResponse saveBillingAccount(@AuthenticationPrincipal CurrentUser user,
			@RequestBody BillingDetailsForm request) {
		return BillingAccountResponse.of(accounts.save(user, request));
	}

	record PlacedOrderResponse(UUID orderId, UUID subscriptionId) {
	}

	@PostMapping("/api/v1/orders")
	@Operation(summary = "Order a plan, or start its free trial (customers)",
			description = "planId: a plan on sale. trial: start the plan's free trial (once per product). storefront: the "
					+ "slug of the reseller storefront ordered on (its markup applies). sshKeyIds: keys of your "
					+ "organisation's users to put on the server. region: the compute region to run it in, one the "
					+ "plan allows (required unless the plan runs in a single region); a region without room for the "
					+ "plan right now: 409 naming it. The price is fixed now: later catalog changes do not "
					+ "alter it. Without billing details: 409.")
	ResponseEntity<PlacedOrderResponse> order(@AuthenticationPrincipal CurrentUser user,
			@RequestBody OrderRequest request) {
		PlacedOrder placed = orders.place(user, request);
		return ResponseEntity.created(URI.create("/api/v1/orders/" + placed.orderId()))
			.body(new PlacedOrderResponse(placed.orderId().id(), placed.subscriptionId().id()));
	}

	record OrderRegions(UUID planId, List<String> regions) {
	}

	@GetMapping("/api/v1/orders/regions")
	@Operation(summary = "The regions an order of the plan can name right now (customers)",
			description = "The plan's regions (every region, if it lists none) that have room for a server of its size "
					+ "now, by a placement dry run that reserves nothing; sorted by name. Empty when none has room.")
	OrderRegions orderRegions(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID planId) {
		return new OrderRegions(planId, orders.regionsWithRoom(user, planId));
	}

	@GetMapping("/api/v1/orders/{id}")
	@Operation(summary = "An order as recorded: the plan version and the prices as seen")
	OrderView getOrder(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return orders.order(user, id);
	}

	/** A subscription in the API; prices a viewer may not see are left out. */
	record SubscriptionResponse(UUID id, UUID orderId, UUID customerId, @Nullable String customerName, UUID productId,
			String productName, UUID planId, int planVersion, String planName, SubscriptionState state,
			boolean orderedAsTrial, @Nullable BigDecimal monthlyPrice, @Nullable BigDecimal listPrice,
			@Nullable BigDecimal markupPercent, String currency, int bandwidthIncludedGib,
			@Nullable BigDecimal bandwidthPricePerGib, @Nullable String storefront, @Nullable Instant trialEndsAt,
			boolean keepAfterTrial, @Nullable LocalDate activatedOn, @Nullable LocalDate currentPeriodStart,
			@Nullable LocalDate currentPeriodEnd, boolean cancelAtPeriodEnd, @Nullable LocalDate endsOn,
			@Nullable Instant cancelledAt, @Nullable String stateReason, Instant createdAt) {

		static SubscriptionResponse of(SubscriptionView view) {
			Money shown = view.shownPrice();
			return new SubscriptionResponse(view.id(), view.orderId(), view.customerId(), view.customerName(),
					view.productId(), view.productName(), view.planId(), view.planVersion(), view.planName(), view.state(),
					view.orderedAsTrial(), amount(view.monthlyPrice()), amount(view.listPrice()), view.markupPercent(),
					shown == null ? "" : shown.currency(), view.bandwidthIncludedGib(), amount(view.bandwidthPricePerGib()),
					view.storefront(), view.trialEndsAt(), view.keepAfterTrial(), view.activatedOn(), view.periodStart(),
					view.periodEnd(), view.cancelAtPeriodEnd(), view.endsOn(), view.cancelledAt(), view.stateReason(),
					view.createdAt());
		}

		private static @Nullable BigDecimal amount(@Nullable Money money) {
			return money == null ? null : money.amount();
		}
	}

	record SubscriptionPageResponse(List<SubscriptionResponse> subscriptions, int page, int size, long total,
			int totalPages) {

		static SubscriptionPageResponse of(SubscriptionPage page) {
			return new SubscriptionPageResponse(page.subscriptions().stream().map(SubscriptionResponse::of).toList(),
					page.page(), page.size(), page.total(), page.totalPages());
		}
	}

	@GetMapping("/api/v1/subscriptions")
	@Operation(summary = "Subscriptions you have a stake in, newest first",
			description = "Customers: their organisation's. Vendors: those to their products. Resellers: those ordered "
					+ "on their storefront. Operators: all. state filters (TRIAL, ACTIVE, SUSPENDED, CANCELLED, EXPIRED); "
					+ "page from 0; size 1–200 (default 50).")
	SubscriptionPageResponse subscriptions(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @Nullable String state, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return SubscriptionPageResponse.of(subscriptions.list(user, state(state), page, size));
	}

	@GetMapping("/api/v1/subscriptions/{id}")
	@Operation(summary = "One subscription")
	SubscriptionResponse subscription(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return SubscriptionResponse.of(subscriptions.get(user, id));
	}

	record CancelRequest(@Nullable Boolean immediately) {
	}

	@PostMapping("/api/v1/subscriptions/{id}/cancel")
	@Operation(summary = "Cancel a subscription (its customer, or an operator)",
			description = "By default at the end of the current period (it runs and is paid until then); "
					+ "?immediately=true or {\"immediately\": true} ends it today. A trial always ends at once.")
	SubscriptionResponse cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable Boolean immediately,
			@RequestBody(required = false) @Nullable CancelRequest request) {
		boolean now = Boolean.TRUE.equals(immediately) || (request != null && Boolean.TRUE.equals(request.immediately()));
		return SubscriptionResponse.of(subscriptions.cancel(user, id, now));
	}

	@PostMapping("/api/v1/subscriptions/{id}/keep")
	@Operation(summary = "Keep a trial: at its end it becomes a paid subscription")
	SubscriptionResponse keep(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return SubscriptionResponse.of(subscriptions.keepAfterTrial(user, id, true));
	}

	@DeleteMapping("/api/v1/subscriptions/{id}/keep")
	@Operation(summary = "Let a trial expire at its end after all")
	SubscriptionResponse letGo(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return SubscriptionResponse.of(subscriptions.keepAfterTrial(user, id, false));
	}

	private static @Nullable SubscriptionState state(@Nullable String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return SubscriptionState.valueOf(state.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of("state", "Filter by TRIAL, ACTIVE, SUSPENDED, CANCELLED or EXPIRED.");
		}
	}
}
