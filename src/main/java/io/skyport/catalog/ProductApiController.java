package io.skyport.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.catalog.CatalogApiModels.PlanResponse;
import io.skyport.catalog.CatalogApiModels.ProductPage;
import io.skyport.catalog.CatalogApiModels.ProductResponse;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Products and plans: browsing is public; vendors manage their own products, operators any.
 */
@RestController
@Tag(name = "Catalog")
class ProductApiController {

	private final Catalog catalog;
	private final ProductService products;
	private final PlanService plans;

	ProductApiController(Catalog catalog, ProductService products, PlanService plans) {
		this.catalog = catalog;
		this.products = products;
		this.plans = plans;
	}

	@GetMapping("/api/v1/products")
	@Operation(summary = "Search published products",
			description = "q: words (full-text) or part of a name; category: a category slug; minPrice/maxPrice with "
					+ "currency (default EUR) bound the cheapest plan; sort: relevance, newest, price_low, price_high, "
					+ "rating, name; page from 0; size 1–100 (default 24).")
	@SecurityRequirements
	ProductPage search(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable BigDecimal minPrice,
			@RequestParam(required = false) @Nullable BigDecimal maxPrice,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(defaultValue = "relevance") String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "24") int size) {
		return ProductPage.of(catalog.search(SearchParameters.parse(q, category, minPrice, maxPrice, currency, sort, page,
				size)));
	}

	@GetMapping("/api/v1/products/{id}")
	@Operation(summary = "A published product with its plans (its vendor and operators also see drafts)")
	@SecurityRequirements
	ProductResponse get(@PathVariable UUID id, @AuthenticationPrincipal @Nullable CurrentUser user) {
		Optional<ProductDetails> published = catalog.publishedProduct(new ProductId(id));
		if (published.isPresent()) {
			return ProductResponse.of(published.get());
		}
		if (user == null) {
			throw NotFoundException.of("product", id);
		}
		return ProductResponse.of(products.get(user, id));
	}

	@GetMapping("/api/v1/vendor/products")
	@Operation(summary = "Your products in every status (operators: all products)")
	List<ProductResponse> mine(@AuthenticationPrincipal CurrentUser user) {
		return products.list(user).stream().map(ProductResponse::of).toList();
	}

	@PostMapping("/api/v1/products")
	@Operation(summary = "Create a product as a draft (vendors)")
	ResponseEntity<ProductResponse> create(@AuthenticationPrincipal CurrentUser vendor, @RequestBody ProductInput input) {
		ProductView created = products.create(vendor, input);
		return ResponseEntity.created(URI.create("/api/v1/products/" + created.id())).body(ProductResponse.of(created));
	}

	@PutMapping("/api/v1/products/{id}")
	@Operation(summary = "Change a product's details (its vendor or an operator)")
	ProductResponse update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody ProductInput input) {
		return ProductResponse.of(products.update(user, id, input));
	}

	@PostMapping("/api/v1/products/{id}/publish")
	@Operation(summary = "Put the product on the storefront (needs a plan on sale)")
	ProductResponse publish(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return ProductResponse.of(products.publish(user, id));
	}

	@PostMapping("/api/v1/products/{id}/withdraw")
	@Operation(summary = "Take the product off the storefront; existing subscriptions continue")
	ProductResponse withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return ProductResponse.of(products.withdraw(user, id));
	}

	@PostMapping("/api/v1/products/{id}/plans")
	@Operation(summary = "Add a plan",
			description = "regions: names of compute regions the plan may run in (GET /api/v1/regions); empty or "
					+ "absent for every region. dataDiskMountPoint: where the server mounts its data disk, an absolute "
					+ "path such as /srv/app (default /data; not / or a system directory such as /etc or /usr); only "
					+ "with dataDiskGib.")
	ResponseEntity<PlanResponse> addPlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody PlanInput input) {
		PlanSnapshot plan = plans.add(user, id, input);
		return ResponseEntity.created(URI.create("/api/v1/products/" + id + "/plans/" + plan.planId()))
			.body(PlanResponse.of(plan, true));
	}

	@PutMapping("/api/v1/products/{id}/plans/{planId}")
	@Operation(summary = "Change a plan: writes a new version; subscriptions keep the version they bought",
			description = "Every field is replaced, regions too (absent or empty: every region).")
	PlanResponse changePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId,
			@RequestBody PlanInput input) {
		return PlanResponse.of(plans.change(user, id, planId, input), true);
	}

	@GetMapping("/api/v1/products/{id}/plans/{planId}/versions")
	@Operation(summary = "Every version of a plan, newest first (its vendor or an operator)")
	List<PlanResponse> planHistory(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID planId) {
		return plans.history(user, id, planId).stream().map(plan -> PlanResponse.of(plan, null)).toList();
	}

	@PostMapping("/api/v1/products/{id}/plans/{planId}/archive")
	@Operation(summary = "Take a plan off sale")
	PlanResponse archivePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId) {
		return PlanResponse.of(plans.archive(user, id, planId), false);
	}

	@PostMapping("/api/v1/products/{id}/plans/{planId}/restore")
	@Operation(summary = "Put an archived plan on sale again")
	PlanResponse restorePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID planId) {
		return PlanResponse.of(plans.restore(user, id, planId), true);
	}

	@GetMapping("/api/v1/categories")
	@Operation(summary = "Storefront categories")
	@SecurityRequirements
	List<Category> categories() {
		return catalog.categories();
	}

	/** Turns query parameters into a search, with a message for each bad one. */
	static final class SearchParameters {

		private SearchParameters() {
		}

		static ProductSearch parse(@Nullable String q, @Nullable String category, @Nullable BigDecimal minPrice,
				@Nullable BigDecimal maxPrice, @Nullable String currency, String sort, int page, int size) {
			if (size < 1 || size > ProductSearch.MAX_PAGE_SIZE) {
				throw InvalidInputException.of("size", "The page size must be between 1 and " + ProductSearch.MAX_PAGE_SIZE + ".");
			}
			if (page < 0 || page > 10_000) {
				throw InvalidInputException.of("page", "The page number must be between 0 and 10000.");
			}
			if (q != null && q.length() > 200) {
				throw InvalidInputException.of("q", "Search for at most 200 characters.");
			}
			if ((minPrice != null && minPrice.signum() < 0) || (maxPrice != null && maxPrice.signum() < 0)) {
				throw InvalidInputException.of("minPrice", "Prices cannot be negative.");
			}
			if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
				throw InvalidInputException.of("maxPrice", "The highest price is below the lowest.");
			}
			ProductSearch.Sort order;
			try {
				order = ProductSearch.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInputException.of("sort", "Sort by relevance, newest, price_low, price_high, rating or name.");
			}
			return new ProductSearch(q, category, minPrice, maxPrice, currency, order, page, size);
		}
	}
}
