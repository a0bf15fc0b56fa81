package io.skyport.billing.subscriptions;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.OrderId;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.subscriptions.BillingAccountService.BillingDetailsForm;
import io.skyport.billing.subscriptions.OrderService.OrderRequest;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductId;
import io.skyport.compute.CapacityFixtures;

/**
 * Billing details and subscriptions for tests of other modules (a customer must have subscribed to a product to
 * review it), placed through the same service as real orders. A test-only bean: autowire it in a
 * {@code @SkyportIntegrationTest}.
 */
@Component
public class BillingFixtures {

	private final BillingAccountService accounts;
	private final OrderService orders;
	private final Catalog catalog;
	private final CapacityFixtures capacity;

	BillingFixtures(BillingAccountService accounts, OrderService orders, Catalog catalog, CapacityFixtures capacity) {
		this.accounts = accounts;
		this.orders = orders;
		this.catalog = catalog;
		this.capacity = capacity;
	}

	/** Gives the customer's organisation complete billing details (if it has none), so it can order. */
	public void billingDetails(TestUser customer) {
		if (accounts.mine(customer.user()).isEmpty()) {
			accounts.save(customer.user(), new BillingDetailsForm(customer.user().organisationName(), customer.email(),
					"1 Test Street", null, "10115", "Berlin", "DE", null, false));
		}
	}

	/** Orders the product's cheapest plan on sale (no trial, no SSH key): the customer has now bought the product. */
	public SubscriptionId subscribe(TestUser customer, ProductId product) {
		PlanSnapshot cheapest = catalog.publishedProduct(product).orElseThrow().plans().stream()
			.min(Comparator.comparing(plan -> plan.monthlyPrice().amount()))
			.orElseThrow();
		return subscribe(customer, cheapest.planId(), false);
	}

	public SubscriptionId subscribe(TestUser customer, PlanId plan, boolean trial) {
		return order(customer, plan, trial, null).subscriptionId();
	}

	/**
	 * An order of the plan, placed on a reseller's storefront when {@code storefront} (its slug) is given, in
	 * {@link CapacityFixtures#roomyRegion()} (the plan must allow it: plans without regions do).
	 */
	public PlacedOrder order(TestUser customer, PlanId plan, boolean trial, @Nullable String storefront) {
		billingDetails(customer);
		OrderService.PlacedOrder placed = orders.place(customer.user(),
				new OrderRequest(plan.id(), trial, null, List.of(), storefront, capacity.roomyRegion()));
		return new PlacedOrder(placed.orderId(), placed.subscriptionId());
	}

	/** What an order made: the order and its subscription. */
	public record PlacedOrder(OrderId orderId, SubscriptionId subscriptionId) {
	}
}
