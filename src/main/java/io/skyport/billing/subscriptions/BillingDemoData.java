package io.skyport.billing.subscriptions;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.billing.subscriptions.BillingAccountService.BillingDetailsForm;
import io.skyport.billing.subscriptions.OrderService.OrderRequest;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductDetails;
import io.skyport.catalog.ProductReviews;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * With {@code skyport.demo.enabled=true}, after the catalog's demo data (order 20) and the reseller's storefront (30):
 * the demo customer gets complete billing details, so it can order at once, and — if it has no subscription yet — an
 * active subscription to Postgres Pro and a trial of Vaultwarden Box, each with the customer's review. Both fit together
 * on the test node ({@code local}: 3 GiB RAM, 100 GiB disk), in its region (with {@code bin/demo --real-vms} there is a
 * second one, {@code local-qemu}, kept for the customer's own real servers); a demo subscription that cannot be
 * ordered (no such region, or no room) is skipped with a warning rather than stopping the start.
 */
@Component
@Order(40)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
class BillingDemoData implements ApplicationRunner {

	/** The region of compute's test node, where the demo subscriptions run. */
	static final String TEST_NODE_REGION = "local";

	private static final Logger log = LoggerFactory.getLogger(BillingDemoData.class);

	record DemoSubscription(String productSlug, String planName, boolean trial, int rating, String review) {
	}

	static final List<DemoSubscription> SUBSCRIPTIONS = List.of(
			new DemoSubscription("postgres-pro", "Starter", false, 5,
					"Backups just work, and the data disk made upgrading painless."),
			new DemoSubscription("vaultwarden-box", "Family", true, 4,
					"Our passwords in one place and the Bitwarden apps just work; I would like more attachment space."));

	private final Accounts accounts;
	private final BillingAccountService billingAccounts;
	private final OrderService orders;
	private final Subscriptions subscriptions;
	private final Catalog catalog;
	private final ProductReviews reviews;

	BillingDemoData(Accounts accounts, BillingAccountService billingAccounts, OrderService orders,
			Subscriptions subscriptions, Catalog catalog, ProductReviews reviews) {
		this.accounts = accounts;
		this.billingAccounts = billingAccounts;
		this.orders = orders;
		this.subscriptions = subscriptions;
		this.catalog = catalog;
		this.reviews = reviews;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser customer = accounts.findUserByEmail("customer@skyport.local").orElse(null);
		if (customer == null) {
			return;
		}
		if (billingAccounts.mine(customer).isEmpty()) {
			billingAccounts.save(customer, new BillingDetailsForm("Example Customer Ltd", "billing@customer.example",
					"1 Harbour Street", null, "10115", "Berlin", "DE", "DE123456789", true));
			log.info("Added billing details for the demo customer");
		}
		if (subscriptions.existsByOrganisationId(customer.organisationId().id())) {
			return;
		}
		for (DemoSubscription demo : SUBSCRIPTIONS) {
			Optional<ProductDetails> product = catalog.publishedProduct(demo.productSlug());
			Optional<PlanSnapshot> plan = product.flatMap(found -> found.plans().stream()
				.filter(candidate -> candidate.name().equals(demo.planName()))
				.findFirst());
			if (plan.isEmpty()) {
				continue;
			}
			try {
				orders.place(customer, new OrderRequest(plan.get().planId().id(), demo.trial(), null, List.of(), null,
						TEST_NODE_REGION));
			}
			catch (ConflictException | InvalidInputException ex) {
				log.warn("Demo customer: no {} of {} ({}): {}", demo.trial() ? "trial" : "subscription",
						demo.productSlug(), demo.planName(), ex.getMessage());
				continue;
			}
			if (reviews.reviewBy(customer, plan.get().productId()).isEmpty()) {
				reviews.post(customer, plan.get().productId(), demo.rating(), demo.review());
			}
			log.info("Demo customer: {} of {} ({})", demo.trial() ? "a trial" : "a subscription", demo.productSlug(),
					demo.planName());
		}
	}
}
