package io.skyport.marketplace;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.Category;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;
import io.skyport.platform.images.BrandColours;
import io.skyport.platform.images.ImageKind;
import io.skyport.platform.images.ImageProcessor;
import io.skyport.platform.images.ProcessedImage;
import io.skyport.platform.text.Slugs;
import io.skyport.storage.TransactionBoundObjects;

/**
 * A reseller configures their storefront: address, theme, custom domain and markup.
 */
@Service
class StorefrontService {

	static final TextRule NAME = new TextRule("name", 100, "Give the storefront a name.", "the name");
	static final TextRule TAGLINE = new TextRule("tagline", 200, "", "the tagline");
	static final BigDecimal MAX_MARKUP = new BigDecimal("500");

	private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private final Storefronts storefronts;
	private final Catalog catalog;
	private final ImageProcessor images;
	private final TransactionBoundObjects objects;
	private final Clock clock;

	StorefrontService(Storefronts storefronts, Catalog catalog, ImageProcessor images, TransactionBoundObjects objects,
			Clock clock) {
		this.storefronts = storefronts;
		this.catalog = catalog;
		this.images = images;
		this.objects = objects;
		this.clock = clock;
	}

	/**
	 * Replaces the storefront's logo (validated and re-encoded like product logos).
	 *
	 * @throws NotFoundException before the storefront is configured.
	 */
	@Transactional
	StorefrontView uploadLogo(CurrentUser reseller, byte[] upload) {
		requireReseller(reseller);
		Storefront storefront = storefronts.findByResellerId(reseller.organisationId().id())
			.orElseThrow(() -> new NotFoundException("Save your storefront's settings before uploading its logo."));
		ProcessedImage image = images.process(upload, ImageKind.LOGO);
		String key = "public/storefronts/" + storefront.id() + "/logo-" + UUID.randomUUID() + "." + image.fileExtension();
		objects.put(key, image.thumbnail(), image.contentType());
		objects.deleteAfterCommit(storefront.logoKey());
		storefront.useLogo(key, clock.instant());
		return view(storefronts.save(storefront));
	}

	/** A storefront form as submitted; category markups keyed by category slug, blank = use the global markup. */
	record StorefrontForm(@Nullable String slug, @Nullable String name, @Nullable String tagline,
			@Nullable String primaryColour, @Nullable String accentColour, @Nullable String customDomain,
			@Nullable BigDecimal markupPercent, @Nullable Map<String, BigDecimal> categoryMarkups) {
	}

	/** The reseller's storefront as they edit it. */
	record StorefrontView(UUID id, StorefrontSettings settings, @Nullable String logoUrl, String path) {
	}

	@Transactional(readOnly = true)
	Optional<StorefrontView> mine(CurrentUser reseller) {
		requireReseller(reseller);
		return storefronts.findByResellerId(reseller.organisationId().id()).map(StorefrontService::view);
	}

	@Transactional
	StorefrontView configure(CurrentUser reseller, StorefrontForm form) {
		requireReseller(reseller);
		Optional<Storefront> existing = storefronts.findByResellerId(reseller.organisationId().id());
		StorefrontSettings settings = validate(form, existing.map(Storefront::id).orElse(null));
		Storefront storefront = existing.map(s -> {
			s.configure(settings, clock.instant());
			return s;
		}).orElseGet(() -> new Storefront(reseller.organisationId(), settings, clock.instant()));
		try {
			return view(storefronts.saveAndFlush(storefront));
		}
		catch (DataIntegrityViolationException ex) {
			throw InvalidInputException.of("slug", "This address or domain was just taken; choose another.");
		}
	}

	/** Default settings for a reseller's first visit to the form. */
	StorefrontForm suggestion(CurrentUser reseller) {
		String slug = Slugs.of(reseller.organisationName(), 40);
		return new StorefrontForm(slug.length() < 3 ? "store-" + slug : slug, reseller.organisationName(), null, "#0f766e",
				"#b45309", null, new BigDecimal("10"), Map.of());
	}

	private StorefrontSettings validate(StorefrontForm form, @Nullable UUID existing) {
		List<Violation> violations = new ArrayList<>();
		String slug = form.slug() == null ? "" : form.slug().strip().toLowerCase(Locale.ROOT);
		if (!Slugs.isValid(slug, 3, 40)) {
			violations.add(new Violation("slug", "The address must be 3 to 40 lower-case letters, digits and single hyphens."));
		}
		else if (storefronts.findBySlug(slug).filter(s -> !s.id().equals(existing)).isPresent()) {
			violations.add(new Violation("slug", "The address /m/" + slug + " is taken; choose another."));
		}
		String name = NAME.require(form.name(), violations);
		String tagline = TAGLINE.optional(form.tagline(), violations);
		String primary = colour("primaryColour", form.primaryColour(), violations);
		String accent = colour("accentColour", form.accentColour(), violations);
		String domain = domain(form.customDomain(), existing, violations);
		BigDecimal markup = percent("markupPercent", form.markupPercent() == null ? BigDecimal.ZERO : form.markupPercent(),
				violations);
		Map<String, BigDecimal> byCategory = categoryMarkups(form.categoryMarkups(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new StorefrontSettings(slug, name, tagline, primary, accent, domain, markup, byCategory);
	}

	private static String colour(String field, @Nullable String value, List<Violation> violations) {
		String colour = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		if (!BrandColours.isHexColour(colour)) {
			violations.add(new Violation(field, "Give a colour as #rrggbb, e.g. #0f766e."));
		}
		return colour;
	}

	private @Nullable String domain(@Nullable String value, @Nullable UUID existing, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String domain = value.strip().toLowerCase(Locale.ROOT);
		String[] labels = domain.split("\\.", -1);
		boolean valid = domain.length() <= 253 && labels.length >= 2 && !domain.matches("[0-9.]+");
		for (String label : labels) {
			valid &= HOST_LABEL.matcher(label).matches();
		}
		if (!valid) {
			violations.add(new Violation("customDomain", "'" + value.strip() + "' is not a domain name like shop.example.com "
					+ "(no scheme, no path)."));
			return domain;
		}
		if (storefronts.findByCustomDomain(domain).filter(s -> !s.id().equals(existing)).isPresent()) {
			violations.add(new Violation("customDomain", domain + " is already used by another storefront."));
		}
		return domain;
	}

	private Map<String, BigDecimal> categoryMarkups(@Nullable Map<String, BigDecimal> values, List<Violation> violations) {
		if (values == null) {
			return Map.of();
		}
		Set<String> known = catalog.categories().stream().map(Category::slug).collect(Collectors.toSet());
		Map<String, BigDecimal> markups = new LinkedHashMap<>();
		values.forEach((category, percent) -> {
			if (percent == null) {
				return;
			}
			if (!known.contains(category)) {
				violations.add(new Violation("categoryMarkups", "There is no category '" + category + "'."));
				return;
			}
			markups.put(category, percent("categoryMarkups[" + category + "]", percent, violations));
		});
		return markups;
	}

	private static BigDecimal percent(String field, BigDecimal value, List<Violation> violations) {
		if (value.signum() < 0 || value.compareTo(MAX_MARKUP) > 0) {
			violations.add(new Violation(field, "A markup must be between 0 and 500 %."));
		}
		else if (value.stripTrailingZeros().scale() > 2) {
			violations.add(new Violation(field, "Use at most two decimals for a markup (e.g. 12.5)."));
		}
		return value.setScale(2, java.math.RoundingMode.HALF_UP);
	}

	private static void requireReseller(CurrentUser user) {
		if (!user.is(OrganisationType.RESELLER)) {
			throw new ForbiddenException("Only resellers run storefronts. Request a reseller account to open one.");
		}
	}

	private static StorefrontView view(Storefront storefront) {
		return new StorefrontView(storefront.id(), storefront.settings(),
				storefront.logoKey() == null ? null : "/media/" + storefront.logoKey(), "/m/" + storefront.slug());
	}
}
