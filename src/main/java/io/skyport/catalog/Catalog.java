package io.skyport.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as the storefront, billing and the deployer read it. Only published products are visible here;
 * plan versions stay readable forever (subscriptions point at them).
 */
public interface Catalog {

	ProductResults search(ProductSearch search);

	Optional<ProductDetails> publishedProduct(String slug);

	Optional<ProductDetails> publishedProduct(ProductId id);

	/** For comparisons: the published products among the given ones, in the given order. */
	List<ProductDetails> publishedProducts(Collection<ProductId> ids);

	List<ReviewView> reviews(ProductId id);

	List<Category> categories();

	/** The current version of a plan, whatever the product's status (callers check {@code available()}). */
	Optional<PlanSnapshot> currentPlan(PlanId id);

	/** A version as bought; versions are never deleted. */
	Optional<PlanSnapshot> planVersion(PlanId id, int versionNumber);

	/**
	 * The vendor's cloud-init configuration ({@code #cloud-config} YAML) for new VMs of the product, whatever its
	 * status; empty if it has none or the product does not exist. It is the product's current configuration, not
	 * versioned with plans: a vendor's fix reaches the next VM of every subscription.
	 */
	Optional<String> guestConfiguration(ProductId id);

	/**
	 * How customers reach the product on a ready server (access URL, default login, ports), whatever its status; the
	 * product's current declaration, like {@link #guestConfiguration}. {@link ProductLogin#none()} for an unknown
	 * product. Not public: show it only to the subscriber, the vendor and operators.
	 */
	ProductLogin productLogin(ProductId id);

	/** A product in any status (drafts included: callers decide what a draft means to them). */
	Optional<ProductReference> productReference(ProductId id);
}
