package io.skyport.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.catalog.CatalogImportFile.Entry;
import io.skyport.catalog.CatalogImportFile.ParsedPlan;
import io.skyport.catalog.CatalogImportFile.ParsedProduct;
import io.skyport.catalog.CatalogImportFile.Problems;
import io.skyport.catalog.ImportSummary.ImportedProduct;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * Catalog imports: a vendor's products and plans, created or updated from one file in one transaction. Every
 * product and plan is checked with the same {@link CatalogRules} as the forms and the API, and the file is saved
 * only if nothing at all is wrong; otherwise every problem is reported with its path and line. Changes go through
 * the aggregates' own methods, so versions and events are the same as for edits by hand.
 */
@Service
class CatalogImporter {

	private final Products products;
	private final Plans plans;
	private final PlanVersions versions;
	private final ProductPricing pricing;
	private final CatalogRules rules;
	private final ComputeImages images;
	private final Clock clock;

	CatalogImporter(Products products, Plans plans, PlanVersions versions, ProductPricing pricing, CatalogRules rules,
			ComputeImages images, Clock clock) {
		this.products = products;
		this.plans = plans;
		this.versions = versions;
		this.pricing = pricing;
		this.rules = rules;
		this.images = images;
		this.clock = clock;
	}

	/** @throws ForbiddenException unless the user belongs to a vendor. */
	void requireVendor(CurrentUser user) {
		if (!user.is(OrganisationType.VENDOR)) {
			throw new ForbiddenException("Only vendors import catalogs: the file creates products of your own "
					+ "organisation.");
		}
	}

	/**
	 * Creates the file's products the vendor does not have yet and updates those it has (found by slug); plans are
	 * found by name within their product. Products and plans the file does not mention are left alone.
	 *
	 * @throws ForbiddenException unless the user belongs to a vendor.
	 * @throws InvalidInputException (field {@code file}) if the file is empty.
	 * @throws CatalogImportRejected with every problem of the file; nothing was saved.
	 */
	@Transactional
	ImportSummary importFile(CurrentUser vendor, byte[] content) {
		requireVendor(vendor);
		if (content.length == 0) {
			throw InvalidInputException.of("file", "The file is empty; see the format in docs/catalog-import.md.");
		}
		CatalogImportFile.Parsed parsed = CatalogImportFile.parse(content);
		Problems problems = parsed.problems();
		List<ProductChange> changes = prepare(vendor, parsed.products(), problems);
		if (!problems.isEmpty()) {
			throw new CatalogImportRejected(problems.list());
		}
		return apply(vendor, changes);
	}

	private record PlanChange(@Nullable Plan existing, PlanSpec spec) {
	}

	/** A plan of the file, the plan of the same name the product has (if any), and its valid spec (if it is). */
	private record PlanMatch(@Nullable Plan existing, @Nullable PlanSpec spec) {
	}

	private record ProductChange(Entry entry, @Nullable Product existing, ProductFields fields, List<PlanChange> plans,
			boolean publish) {
	}

	private List<ProductChange> prepare(CurrentUser vendor, List<ParsedProduct> parsed, Problems problems) {
		Set<String> slugs = parsed.stream()
			.map(product -> strip(product.input().slug()))
			.filter(slug -> slug != null)
			.collect(Collectors.toSet());
		Map<String, Product> existing = slugs.isEmpty() ? Map.of()
				: products.findBySlugIn(slugs).stream().collect(Collectors.toMap(Product::slug, Function.identity()));
		List<UUID> own = existing.values().stream().filter(product -> product.isOwnedBy(vendor)).map(Product::id).toList();
		Map<UUID, List<Plan>> plansByProduct = own.isEmpty() ? Map.of()
				: plans.findByProductIdInOrderByPosition(own).stream()
					.collect(Collectors.groupingBy(plan -> plan.productId().id(), LinkedHashMap::new, Collectors.toList()));
		Map<String, ImageSummary> imagesByName = images.available().stream()
			.collect(Collectors.toMap(image -> key(image.name()), Function.identity(), (a, b) -> a));
		Map<String, Entry> firstBySlug = new HashMap<>();
		List<ProductChange> changes = new ArrayList<>();
		for (ParsedProduct product : parsed) {
			ProductChange change = prepare(vendor, product, existing, plansByProduct, imagesByName, firstBySlug);
			if (change != null) {
				changes.add(change);
			}
		}
		return changes;
	}

	private @Nullable ProductChange prepare(CurrentUser vendor, ParsedProduct product, Map<String, Product> existing,
			Map<UUID, List<Plan>> plansByProduct, Map<String, ImageSummary> imagesByName, Map<String, Entry> firstBySlug) {
		Entry entry = product.entry();
		String slug = strip(product.input().slug());
		if (slug == null && !entry.isFlagged("slug")) {
			entry.problem("slug", "Give the product's slug (its address, e.g. postgres-pro): the import finds the "
					+ "product to update by it.");
		}
		ProductFields fields = null;
		try {
			fields = rules.product(product.input());
		}
		catch (InvalidInputException ex) {
			report(entry, ex, Map.of());
		}
		Product current = null;
		if (slug != null) {
			Entry first = firstBySlug.putIfAbsent(slug, entry);
			if (first != null) {
				entry.problem("slug", "The slug '" + slug + "' is also used by " + first.path() + " (line " + first.line()
						+ "); list each product once.");
			}
			current = existing.get(slug);
			if (current != null && !current.isOwnedBy(vendor)) {
				entry.problem("slug", "The address /products/" + slug + " belongs to another vendor; choose another slug.");
				current = null;
			}
		}
		List<Plan> existingPlans = current == null ? List.of() : plansByProduct.getOrDefault(current.id(), List.of());
		List<PlanMatch> matches = plans(product, existingPlans, imagesByName);
		long newPlans = matches.stream().filter(match -> match.existing() == null).count();
		if (existingPlans.size() + newPlans > PlanService.MAX_PLANS_PER_PRODUCT) {
			entry.problem("plans", "A product can have at most " + PlanService.MAX_PLANS_PER_PRODUCT + " plans; this one "
					+ "would have " + (existingPlans.size() + newPlans) + " (" + existingPlans.size() + " already, "
					+ newPlans + " new).");
		}
		if (product.publish() && (current == null || current.status() != ProductStatus.PUBLISHED)) {
			long onSale = existingPlans.stream().filter(plan -> !plan.archived()).count() + newPlans
					+ matches.stream().filter(match -> match.existing() != null && match.existing().archived()).count();
			if (onSale == 0) {
				entry.problem("publish", "Add at least one plan before publishing: customers need something to order.");
			}
		}
		List<PlanChange> planChanges = matches.stream()
			.filter(match -> match.spec() != null)
			.map(match -> new PlanChange(match.existing(), match.spec()))
			.toList();
		return fields == null ? null : new ProductChange(entry, current, fields, planChanges, product.publish());
	}

	private List<PlanMatch> plans(ParsedProduct product, List<Plan> existingPlans,
			Map<String, ImageSummary> imagesByName) {
		Map<String, List<Plan>> existingByName = existingPlans.stream()
			.collect(Collectors.groupingBy(plan -> key(plan.spec().name())));
		Set<String> named = product.plans().stream()
			.map(plan -> strip(plan.input().name()))
			.filter(name -> name != null)
			.map(CatalogImporter::key)
			.collect(Collectors.toSet());
		Optional<String> currency = existingPlans.stream()
			.filter(plan -> !plan.archived() && !named.contains(key(plan.spec().name())))
			.map(plan -> plan.spec().currency())
			.findFirst()
			.or(() -> product.plans().stream().map(plan -> knownCurrency(plan.input().currency())).filter(c -> c != null).findFirst());
		Map<String, Entry> firstByName = new HashMap<>();
		List<PlanMatch> matches = new ArrayList<>();
		for (ParsedPlan plan : product.plans()) {
			Entry entry = plan.entry();
			String name = strip(plan.input().name());
			Plan match = null;
			if (name != null) {
				Entry first = firstByName.putIfAbsent(key(name), entry);
				List<Plan> same = existingByName.getOrDefault(key(name), List.of());
				if (first != null) {
					entry.problem("name", "The plan name '" + name + "' is also used by " + first.path() + " (line "
							+ first.line() + "); plan names identify the plans of a product.");
				}
				else if (same.size() > 1) {
					entry.problem("name", "The product has " + same.size() + " plans named '" + name + "'; rename one in "
							+ "the control panel so the import knows which to change.");
				}
				else if (same.size() == 1) {
					match = same.getFirst();
				}
			}
			PlanInput input = withImage(plan, imagesByName);
			PlanSpec spec = null;
			try {
				spec = rules.plan(input, currency);
			}
			catch (InvalidInputException ex) {
				report(entry, ex, entry.has("image") ? Map.of("imageId", "image") : Map.of());
			}
			matches.add(new PlanMatch(match, spec));
		}
		return matches;
	}

	/** The plan input with the image named in the file resolved to its id. */
	private static PlanInput withImage(ParsedPlan plan, Map<String, ImageSummary> imagesByName) {
		Entry entry = plan.entry();
		PlanInput input = plan.input();
		if (entry.has("image") && entry.has("imageId")) {
			entry.problem("imageId", "Give the image either by name (image) or by id (imageId), not both.");
			entry.problem("image", "Give the image either by name (image) or by id (imageId), not both.");
			return withImageId(input, null);
		}
		String name = strip(plan.imageName());
		if (name == null) {
			return input;
		}
		ImageSummary image = imagesByName.get(key(name));
		if (image == null) {
			String nearest = Suggestions.nearest(name,
					imagesByName.values().stream().map(ImageSummary::name).toList());
			entry.problem("image", "There is no available image named '" + name + "'"
					+ (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
					+ "; the images are listed by GET /api/v1/images.");
			return input;
		}
		return withImageId(input, image.id().id().toString());
	}

	private static PlanInput withImageId(PlanInput input, @Nullable String imageId) {
		return new PlanInput(input.name(), input.vcpus(), input.memoryMib(), input.diskGib(), input.dataDiskGib(),
				input.dataDiskMountPoint(), imageId,
				input.monthlyPrice(), input.currency(), input.bandwidthIncludedGib(), input.bandwidthPricePerGib(),
				input.trialDays(), input.regions());
	}

	/**
	 * Reports the rules' violations at the fields they name, except fields that already have a problem (a value of
	 * the wrong type is also "missing" to the rules).
	 */
	private static void report(Entry entry, InvalidInputException ex, Map<String, String> fieldNames) {
		Set<String> known = entry.flagged();
		for (Violation violation : ex.violations()) {
			String field = fieldNames.getOrDefault(violation.field(), violation.field());
			if (field.equals("plan")) {
				entry.problem(null, violation.message());
			}
			else if (!known.contains(field)) {
				entry.problem(field, violation.message());
			}
		}
	}

	private ImportSummary apply(CurrentUser vendor, List<ProductChange> changes) {
		Instant now = clock.instant();
		Counts counts = new Counts();
		List<ImportedProduct> imported = new ArrayList<>();
		ProductChange current = null;
		try {
			for (ProductChange change : changes) {
				current = change;
				imported.add(apply(vendor, change, now, counts));
				products.flush();
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw rejected(current, change -> "The address /products/" + change.fields().slug() + " was taken by another "
					+ "product while importing; nothing was imported. Choose another slug, or import again.");
		}
		catch (OptimisticLockingFailureException ex) {
			throw rejected(current, change -> "'" + change.fields().name() + "' was changed by someone else while "
					+ "importing; nothing was imported. Import the file again.");
		}
		return new ImportSummary(counts.created, counts.updated, counts.unchanged, counts.plansCreated,
				counts.plansChanged, counts.plansUnchanged, counts.published, imported);
	}

	private ImportedProduct apply(CurrentUser vendor, ProductChange change, Instant now, Counts counts) {
		Product product = change.existing();
		boolean created = product == null;
		boolean changed = false;
		if (product == null) {
			product = products.saveAndFlush(new Product(vendor, change.fields(), now));
		}
		else if (!product.fields().equals(change.fields())) {
			product.update(change.fields(), now);
			product = products.saveAndFlush(product);
			changed = true;
		}
		boolean plansChanged = false;
		int position = plans.findByProductIdOrderByPosition(product.id()).stream().mapToInt(Plan::position).max().orElse(0);
		for (PlanChange planChange : change.plans()) {
			Plan plan = planChange.existing();
			if (plan == null) {
				plan = plans.save(new Plan(product.productId(), ++position, planChange.spec(), now));
				versions.save(new PlanVersion(plan, now));
				counts.plansCreated++;
				plansChanged = true;
				continue;
			}
			boolean planChanged = false;
			if (!plan.spec().sameAs(planChange.spec())) {
				plan.change(planChange.spec(), now);
				plan = plans.save(plan);
				versions.save(new PlanVersion(plan, now));
				planChanged = true;
			}
			if (plan.archived()) {
				plan.restore(now);
				plans.save(plan);
				planChanged = true;
			}
			if (planChanged) {
				counts.plansChanged++;
				plansChanged = true;
			}
			else {
				counts.plansUnchanged++;
			}
		}
		if (plansChanged) {
			pricing.refresh(product);
		}
		if (change.publish() && product.status() != ProductStatus.PUBLISHED) {
			product.publish(plans.countByProductIdAndArchivedFalse(product.id()), now);
			product = products.save(product);
			counts.published++;
			changed = true;
		}
		String action = created ? "created" : changed || plansChanged ? "updated" : "unchanged";
		switch (action) {
			case "created" -> counts.created++;
			case "updated" -> counts.updated++;
			default -> counts.unchanged++;
		}
		return new ImportedProduct(product.slug(), product.id(), action);
	}

	/** A failure while saving, which the checks before could not see (a concurrent change), blamed on a product. */
	private static CatalogImportRejected rejected(@Nullable ProductChange change,
			Function<ProductChange, String> message) {
		if (change == null) {
			return new CatalogImportRejected(List.of(new ImportProblem("", null,
					"Another change happened at the same time; nothing was imported. Import the file again.")));
		}
		Entry entry = change.entry();
		return new CatalogImportRejected(
				List.of(new ImportProblem(entry.pathOf("slug"), entry.lineOf("slug"), message.apply(change))));
	}

	private static final class Counts {

		int created;
		int updated;
		int unchanged;
		int plansCreated;
		int plansChanged;
		int plansUnchanged;
		int published;
	}

	private static @Nullable String strip(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	private static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String knownCurrency(@Nullable String code) {
		String currency = strip(code);
		if (currency == null || currency.length() != 3) {
			return null;
		}
		try {
			String upper = currency.toUpperCase(Locale.ROOT);
			return Currency.getInstance(upper).getDefaultFractionDigits() < 0 ? null : upper;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
