package io.skyport.marketplace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.PlanSnapshot;
import io.skyport.catalog.ProductDetails;
import io.skyport.catalog.ProductId;
import io.skyport.catalog.ProductResults;
import io.skyport.catalog.ProductReviews;
import io.skyport.catalog.ProductSearch;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageSummary;
import io.skyport.marketplace.StorefrontViews.CardView;
import io.skyport.marketplace.StorefrontViews.PlanRow;
import io.skyport.marketplace.StorefrontViews.ProductView;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The storefront pages, for the operator's marketplace and, under {@code /m/<slug>} or a reseller's own domain,
 * for each reseller (their theme, their marked-up prices).
 */
@Controller
class StorefrontController {

	static final int PAGE_SIZE = 24;
	static final int MAX_COMPARED = 4;

	private final Catalog catalog;
	private final ProductReviews reviews;
	private final ComputeImages images;

	StorefrontController(Catalog catalog, ProductReviews reviews, ComputeImages images) {
		this.catalog = catalog;
		this.reviews = reviews;
		this.images = images;
	}

	@GetMapping({ "/", "/m/{storefront}", "/m/{storefront}/" })
	String home(@ModelAttribute("theme") StorefrontTheme theme, Model model) {
		model.addAttribute("newest", cards(catalog.search(new ProductSearch(null, null, null, null, null,
				ProductSearch.Sort.NEWEST, 0, 6)), theme));
		model.addAttribute("topRated", cards(catalog.search(new ProductSearch(null, null, null, null, null,
				ProductSearch.Sort.RATING, 0, 6)), theme));
		model.addAttribute("categories", catalog.categories());
		return "storefront/home";
	}

	@GetMapping({ "/products", "/m/{storefront}/products" })
	String products(@ModelAttribute("theme") StorefrontTheme theme, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String minPrice,
			@RequestParam(required = false) @Nullable String maxPrice,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(defaultValue = "relevance") String sort, @RequestParam(defaultValue = "1") String page,
			Model model) {
		SearchForm form = new SearchForm(q, category, minPrice, maxPrice, currency, sort, page);
		model.addAttribute("form", form);
		model.addAttribute("categories", catalog.categories());
		model.addAttribute("sorts", ProductSearch.Sort.values());
		try {
			ProductSearch search = form.toSearch(PAGE_SIZE).withPriceFactors(factors(theme.markup()));
			ProductResults results = catalog.search(search);
			model.addAttribute("results", results);
			model.addAttribute("cards", cards(results, theme));
			model.addAttribute("previousPage", results.hasPrevious() ? theme.link("/products") + "?" + form.query(results.page()) : null);
			model.addAttribute("nextPage", results.hasNext() ? theme.link("/products") + "?" + form.query(results.page() + 2) : null);
			model.addAttribute("errors", FormErrors.none());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("results", null);
			model.addAttribute("cards", List.of());
			model.addAttribute("errors", FormErrors.of(ex));
		}
		return "storefront/products";
	}

	@GetMapping({ "/products/{slug}", "/m/{storefront}/products/{slug}" })
	String product(@ModelAttribute("theme") StorefrontTheme theme, @PathVariable String slug,
			@AuthenticationPrincipal @Nullable CurrentUser user, Model model) {
		ProductDetails details = published(slug);
		return productPage(theme, details, user, model, FormErrors.none(), null, null);
	}

	@PostMapping({ "/products/{slug}/reviews", "/m/{storefront}/products/{slug}/reviews" })
	String review(@ModelAttribute("theme") StorefrontTheme theme, @PathVariable String slug,
			@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String rating,
			@RequestParam(required = false) @Nullable String comment, Model model, RedirectAttributes redirect) {
		ProductDetails details = published(slug);
		ProductId id = details.card().id();
		try {
			Integer stars = parseRating(rating);
			boolean editing = reviews.reviewBy(user, id).isPresent();
			if (editing) {
				reviews.edit(user, id, stars, comment);
			}
			else {
				reviews.post(user, id, stars, comment);
			}
			redirect.addFlashAttribute("notice", editing ? "Your review was updated." : "Thank you for your review.");
			return "redirect:" + theme.link("/products/" + slug) + "#reviews";
		}
		catch (InvalidInputException ex) {
			return productPage(theme, details, user, model, FormErrors.of(ex), rating, comment);
		}
		catch (ConflictException | ForbiddenException ex) {
			return productPage(theme, details, user, model, FormErrors.of("review", ex.getMessage()), rating, comment);
		}
	}

	@GetMapping({ "/compare", "/m/{storefront}/compare" })
	ModelAndView compare(@ModelAttribute("theme") StorefrontTheme theme,
			@RequestParam(name = "p", required = false) @Nullable List<String> slugs) {
		LinkedHashSet<String> picked = new LinkedHashSet<>(slugs == null ? List.of() : slugs);
		ModelAndView page = new ModelAndView("storefront/compare");
		if (picked.size() > MAX_COMPARED) {
			page.setStatus(HttpStatus.BAD_REQUEST);
			page.addObject("message", "Compare at most " + MAX_COMPARED + " products at a time; you picked " + picked.size() + ".");
			page.addObject("products", List.of());
			return page;
		}
		List<ProductView> products = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		Map<String, String> imageNames = imageNames();
		for (String slug : picked) {
			catalog.publishedProduct(slug).ifPresentOrElse(details -> products.add(view(details, theme, imageNames)),
					() -> missing.add(slug));
		}
		if (products.size() < 2) {
			page.addObject("message", "Pick two to four products to compare: tick \"Compare\" on the products you want.");
		}
		page.addObject("products", products);
		page.addObject("missing", missing);
		return page;
	}

	private String productPage(StorefrontTheme theme, ProductDetails details, @Nullable CurrentUser user, Model model,
			FormErrors errors, @Nullable String rating, @Nullable String comment) {
		model.addAttribute("product", view(details, theme, imageNames()));
		model.addAttribute("reviews", catalog.reviews(details.card().id()));
		boolean customer = user != null && user.is(OrganisationType.CUSTOMER);
		var mine = customer ? reviews.reviewBy(user, details.card().id()) : Optional.<io.skyport.catalog.ReviewView>empty();
		Optional<String> refusal = customer && mine.isEmpty() ? reviews.refusal(user, details.card().id()) : Optional.empty();
		boolean canReview = customer && refusal.isEmpty();
		model.addAttribute("canReview", canReview);
		model.addAttribute("reviewRefusal", refusal.orElse(null));
		model.addAttribute("myReview", mine.orElse(null));
		model.addAttribute("reviewRating", rating != null ? rating : mine.map(r -> String.valueOf(r.rating())).orElse(""));
		model.addAttribute("reviewComment", comment != null ? comment : mine.map(r -> r.comment()).orElse(""));
		model.addAttribute("errors", errors);
		return "storefront/product";
	}

	private ProductDetails published(String slug) {
		return catalog.publishedProduct(slug).orElseThrow(() -> new NotFoundException("No product at /products/" + slug + "."));
	}

	private ProductView view(ProductDetails details, StorefrontTheme theme, Map<String, String> imageNames) {
		String category = details.card().category().slug();
		List<PlanRow> plans = details.plans().stream()
			.map(plan -> new PlanRow(plan, theme.markup().apply(plan.monthlyPrice(), category),
					theme.markup().apply(plan.bandwidthPricePerGib(), category), imageNames.get(plan.imageId().id().toString())))
			.toList();
		return new ProductView(details, CardView.of(details.card(), theme), plans);
	}

	private Map<String, String> imageNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (ImageSummary image : images.available()) {
			names.put(image.id().id().toString(), image.name());
		}
		return names;
	}

	private static List<CardView> cards(ProductResults results, StorefrontTheme theme) {
		return results.products().stream().map(card -> CardView.of(card, theme)).toList();
	}

	private static ProductSearch.PriceFactors factors(Markup markup) {
		if (markup.isNone()) {
			return ProductSearch.PriceFactors.NONE;
		}
		Map<String, BigDecimal> byCategory = new LinkedHashMap<>();
		markup.percentByCategory().keySet().forEach(category -> byCategory.put(category, markup.factorFor(category)));
		return new ProductSearch.PriceFactors(markup.defaultFactor(), byCategory);
	}

	private static @Nullable Integer parseRating(@Nullable String rating) {
		if (rating == null || rating.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(rating.strip());
		}
		catch (NumberFormatException ex) {
			throw InvalidInputException.of("rating", "Rate the product from 1 to 5 stars.");
		}
	}

	/** The search form as typed: kept as text so a bad value is shown back with a message. */
	record SearchForm(@Nullable String q, @Nullable String category, @Nullable String minPrice,
			@Nullable String maxPrice, @Nullable String currency, String sort, String page) {

		/** The query string of this search on another page (1-based). */
		String query(int pageNumber) {
			StringBuilder query = new StringBuilder();
			append(query, "q", q);
			append(query, "category", category);
			append(query, "minPrice", minPrice);
			append(query, "maxPrice", maxPrice);
			append(query, "currency", currency);
			append(query, "sort", sort);
			append(query, "page", String.valueOf(pageNumber));
			return query.toString();
		}

		private static void append(StringBuilder query, String name, @Nullable String value) {
			if (value != null && !value.isBlank()) {
				query.append(query.isEmpty() ? "" : "&").append(name).append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
			}
		}

		ProductSearch toSearch(int size) {
			List<InvalidInputException.Violation> violations = new ArrayList<>();
			BigDecimal min = amount("minPrice", minPrice, violations);
			BigDecimal max = amount("maxPrice", maxPrice, violations);
			if (min != null && max != null && min.compareTo(max) > 0) {
				violations.add(new InvalidInputException.Violation("maxPrice", "The highest price is below the lowest."));
			}
			ProductSearch.Sort order = ProductSearch.Sort.RELEVANCE;
			try {
				order = ProductSearch.Sort.valueOf(sort.strip().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new InvalidInputException.Violation("sort", "Choose an order from the list."));
			}
			int pageNumber = 1;
			try {
				pageNumber = Integer.parseInt(page.strip());
			}
			catch (NumberFormatException ex) {
				pageNumber = 0;
			}
			if (pageNumber < 1 || pageNumber > 10_000) {
				violations.add(new InvalidInputException.Violation("page", "There is no page " + page + "."));
			}
			if (q != null && q.length() > 200) {
				violations.add(new InvalidInputException.Violation("q", "Search for at most 200 characters."));
			}
			if (!violations.isEmpty()) {
				throw new InvalidInputException(violations);
			}
			return new ProductSearch(q, category == null || category.isBlank() ? null : category, min, max,
					currency == null || currency.isBlank() ? null : currency, order, pageNumber - 1, size);
		}

		private static @Nullable BigDecimal amount(String field, @Nullable String value,
				List<InvalidInputException.Violation> violations) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				BigDecimal amount = new BigDecimal(value.strip());
				if (amount.signum() < 0) {
					violations.add(new InvalidInputException.Violation(field, "Prices cannot be negative."));
				}
				return amount;
			}
			catch (NumberFormatException ex) {
				violations.add(new InvalidInputException.Violation(field, "'" + value + "' is not a price."));
				return null;
			}
		}
	}
}
