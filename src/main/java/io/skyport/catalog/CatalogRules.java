package io.skyport.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.GuestConfigurations;
import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.TextRule;
import io.skyport.platform.money.Money;
import io.skyport.platform.text.EmailAddresses;
import io.skyport.platform.text.Slugs;

/**
 * The rules for products and plans, shared by the forms, the API and catalog imports. Each method reports every
 * broken rule of its input at once, naming the field.
 */
@Component
class CatalogRules {

	static final TextRule NAME = new TextRule("name", 120, "Give the product a name.", "the name");
	static final TextRule SHORT_DESCRIPTION = new TextRule("shortDescription", 300,
			"Describe the product in a sentence; the storefront shows it on the product's card.", "the short description");
	static final TextRule LONG_DESCRIPTION = new TextRule("longDescription", 20_000, "", "the description");
	static final TextRule PLAN_NAME = new TextRule("name", 80, "Give the plan a name, e.g. Small.", "the plan name");
	static final int MAX_TAGS = 10;
	static final int MAX_VCPUS = 256;
	static final int MIN_MEMORY_MIB = 256;
	static final int MAX_MEMORY_MIB = 2 * 1024 * 1024;
	static final int MAX_DISK_GIB = 65_536;
	static final int MAX_TRIAL_DAYS = 90;
	static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
	static final int MAX_REGIONS = 50;
	static final int MAX_PORTS = 20;
	static final int MAX_ACCESS_URL = 500;
	static final int MAX_DEFAULT_USERNAME = 100;
	static final int MAX_DEFAULT_PASSWORD = 200;

	private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9 .+#-]{0,29}");
	private static final Pattern HTML_TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z!][^>]*>");

	private final ComputeImages images;
	private final ComputeCapacity capacity;
	private final CategoryDirectory categories;

	CatalogRules(ComputeImages images, ComputeCapacity capacity, CategoryDirectory categories) {
		this.images = images;
		this.capacity = capacity;
		this.categories = categories;
	}

	/** @throws InvalidInputException with every broken rule. */
	ProductFields product(ProductInput input) {
		List<Violation> violations = new ArrayList<>();
		String name = plainText(NAME, input.name(), violations);
		String shortDescription = plainText(SHORT_DESCRIPTION, input.shortDescription(), violations);
		String longDescription = LONG_DESCRIPTION.optional(input.longDescription(), violations);
		if (longDescription != null && HTML_TAG.matcher(longDescription).find()) {
			violations.add(new Violation("longDescription",
					"Write the description in Markdown; HTML tags such as " + firstTag(longDescription) + " are not allowed."));
		}
		String slug = input.slug() == null || input.slug().isBlank() ? slugify(name) : input.slug().strip();
		if (!Slugs.isValid(slug, 3, 80)) {
			violations.add(new Violation("slug", "The address must be 3 to 80 lower-case letters, digits and single "
					+ "hyphens, e.g. postgres-pro."));
		}
		String category = input.category() == null ? "" : input.category().strip();
		if (categories.find(category).isEmpty()) {
			violations.add(new Violation("category", category.isEmpty() ? "Choose a category."
					: "There is no category '" + category + "'. Choose one of: " + String.join(", ", categories.slugs()) + "."));
		}
		List<String> tags = tags(input.tags(), violations);
		String supportEmail = optionalEmail(input.supportEmail(), violations);
		String supportUrl = optionalUrl("supportUrl", input.supportUrl(), violations);
		String guestConfiguration = null;
		try {
			guestConfiguration = GuestConfigurations.validate("guestConfiguration", input.guestConfiguration());
		}
		catch (InvalidInputException ex) {
			violations.addAll(ex.violations());
		}
		ProductLogin login = login(input, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new ProductFields(name, slug, shortDescription, longDescription == null ? "" : longDescription, category,
				tags, supportEmail, supportUrl, guestConfiguration, login);
	}

	/**
	 * @param currencyOfOtherPlans the currency the product's other plans use, if it has any: all plans of a
	 * product share one currency.
	 * @throws InvalidInputException with every broken rule.
	 */
	PlanSpec plan(PlanInput input, Optional<String> currencyOfOtherPlans) {
		List<Violation> violations = new ArrayList<>();
		String name = plainText(PLAN_NAME, input.name(), violations);
		Integer vcpus = range("vcpus", input.vcpus(), 1, MAX_VCPUS, "vCPUs", violations);
		Integer memory = memory(input.memoryMib(), violations);
		Integer disk = range("diskGib", input.diskGib(), 1, MAX_DISK_GIB, "The root disk (GiB)", violations);
		Integer dataDisk = input.dataDiskGib() == null ? null
				: range("dataDiskGib", input.dataDiskGib(), 1, MAX_DISK_GIB, "The data disk (GiB)", violations);
		String mountPoint = null;
		if (input.dataDiskGib() == null) {
			if (input.dataDiskMountPoint() != null && !input.dataDiskMountPoint().isBlank()) {
				violations.add(new Violation("dataDiskMountPoint", "A mount point needs a data disk: give the data "
						+ "disk's size too, or leave the mount point empty."));
			}
		}
		else {
			mountPoint = DataDiskMountPoints.normalise("dataDiskMountPoint", input.dataDiskMountPoint(), violations);
		}
		ImageSummary image = image(input.imageId(), violations);
		if (image != null && disk != null && disk < image.minDiskGib()) {
			violations.add(new Violation("diskGib", "The image " + image.name() + " needs a root disk of at least "
					+ image.minDiskGib() + " GiB."));
		}
		Money monthly = Money.parse("monthlyPrice", input.monthlyPrice(), input.currency(), MAX_PRICE, violations);
		Money bandwidth = Money.parse("bandwidthPricePerGib",
				input.bandwidthPricePerGib() == null ? BigDecimal.ZERO : input.bandwidthPricePerGib(), input.currency(),
				MAX_PRICE, violations);
		if (input.currency() != null) {
			String currency = input.currency().strip().toUpperCase(Locale.ROOT);
			currencyOfOtherPlans.filter(other -> !other.equals(currency))
				.ifPresent(other -> violations.add(new Violation("currency",
						"All plans of a product use one currency: this product's plans are priced in " + other + ".")));
		}
		Integer included = range("bandwidthIncludedGib",
				input.bandwidthIncludedGib() == null ? 0 : input.bandwidthIncludedGib(), 0, 1_000_000,
				"The included bandwidth (GiB)", violations);
		Integer trial = range("trialDays", input.trialDays() == null ? 0 : input.trialDays(), 0, MAX_TRIAL_DAYS,
				"Trial days", violations);
		List<String> regions = regions(input.regions(), violations);
		if (!violations.isEmpty() || vcpus == null || memory == null || disk == null || image == null || monthly == null
				|| bandwidth == null || included == null || trial == null) {
			throw new InvalidInputException(violations.isEmpty()
					? List.of(new Violation("plan", "The plan is incomplete.")) : violations);
		}
		return new PlanSpec(name, vcpus, memory, disk, dataDisk, mountPoint, image.id().id(), monthly.amount(),
				monthly.currency(), included, bandwidth.amount(), trial, regions);
	}

	/**
	 * The regions a plan may run in, sorted and distinct: each must be a region compute knows (one with a node, or
	 * configured by an operator). None means every region.
	 */
	private List<String> regions(@Nullable List<String> values, List<Violation> violations) {
		if (values == null || values.isEmpty()) {
			return List.of();
		}
		List<String> known = capacity.regions();
		TreeSet<String> regions = new TreeSet<>();
		for (String value : values) {
			String region = value == null ? "" : value.strip();
			if (region.isEmpty()) {
				violations.add(new Violation("regions", "A region name is empty; leave the list empty to allow every "
						+ "region."));
			}
			else if (!known.contains(region)) {
				violations.add(new Violation("regions", "There is no region '" + abbreviate(region) + "'. "
						+ (known.isEmpty() ? "There are no regions yet; leave the list empty to allow every region."
								: "Regions: " + String.join(", ", known) + ".")));
			}
			else {
				regions.add(region);
			}
		}
		if (regions.size() > MAX_REGIONS) {
			violations.add(new Violation("regions", "List at most " + MAX_REGIONS + " regions, or none for every "
					+ "region."));
		}
		return List.copyOf(regions);
	}

	private static String abbreviate(String text) {
		return text.length() > 50 ? text.substring(0, 50) + "…" : text;
	}

	/** The access details: a URL template with {@code {address}}, a default login, and the ports. */
	static ProductLogin login(ProductInput input, List<Violation> violations) {
		String accessUrl = accessUrl(input.accessUrl(), violations);
		String username = credential("defaultUsername", input.defaultUsername(), MAX_DEFAULT_USERNAME, "The default user name",
				violations);
		String password = credential("defaultPassword", input.defaultPassword(), MAX_DEFAULT_PASSWORD, "The default password",
				violations);
		if (password != null && username == null && !violations.stream().anyMatch(v -> v.field().equals("defaultUsername"))) {
			violations.add(new Violation("defaultPassword", "Give the default user name too: a password alone does not tell "
					+ "customers how to sign in."));
		}
		return new ProductLogin(accessUrl, username, password, ports(input.ports(), violations));
	}

	private static @Nullable String accessUrl(@Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String template = value.strip();
		String example = "e.g. https://{address}:8443/";
		if (template.length() > MAX_ACCESS_URL) {
			violations.add(new Violation("accessUrl", "The access URL may have at most " + MAX_ACCESS_URL
					+ " characters."));
			return template;
		}
		String rest = template.replace(ProductLogin.ADDRESS, "");
		if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
			violations.add(new Violation("accessUrl", "The only placeholder in the access URL is {address} (the "
					+ "server's address), " + example + "."));
			return template;
		}
		try {
			URI uri = new URI(template.replace(ProductLogin.ADDRESS, "192.0.2.1"));
			if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
					|| uri.getRawUserInfo() != null) {
				throw new URISyntaxException(template, "not an absolute http(s) URL");
			}
		}
		catch (URISyntaxException ex) {
			violations.add(new Violation("accessUrl", "Give a web address starting with https:// or http://, with "
					+ "{address} where the server's address goes, " + example + "."));
		}
		return template;
	}

	private static @Nullable String credential(String field, @Nullable String value, int max, String what,
			List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			violations.add(new Violation(field, what + " may have at most " + max + " characters."));
		}
		else if (text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
			violations.add(new Violation(field, what + " must not contain spaces, tabs or line breaks."));
		}
		return text;
	}

	private static List<Integer> ports(@Nullable List<Integer> values, List<Violation> violations) {
		if (values == null) {
			return List.of();
		}
		LinkedHashSet<Integer> ports = new LinkedHashSet<>();
		for (Integer port : values) {
			if (port == null || port < 1 || port > 65535) {
				violations.add(new Violation("ports", "Ports are TCP port numbers from 1 to 65535 (got " + port + ")."));
			}
			else {
				ports.add(port);
			}
		}
		if (ports.size() > MAX_PORTS) {
			violations.add(new Violation("ports", "List at most " + MAX_PORTS + " ports (there are " + ports.size()
					+ ")."));
		}
		return List.copyOf(ports);
	}

	/** Plain text fields: no HTML tags, which the storefront would show as text anyway. */
	static String plainText(TextRule rule, @Nullable String value, List<Violation> violations) {
		String text = rule.require(value, violations);
		if (HTML_TAG.matcher(text).find()) {
			violations.add(new Violation(rule.field(), "HTML is not allowed here (found " + firstTag(text) + "); use plain text."));
		}
		return text;
	}

	/** @throws InvalidInputException if the text is missing, too long or contains HTML. */
	static String plainTextOrThrow(TextRule rule, @Nullable String value) {
		List<Violation> violations = new ArrayList<>();
		String text = plainText(rule, value, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return text;
	}

	static boolean containsHtml(String text) {
		return HTML_TAG.matcher(text).find();
	}

	static String firstTag(String text) {
		var matcher = HTML_TAG.matcher(text);
		return matcher.find() ? matcher.group() : "";
	}

	static String slugify(String name) {
		return Slugs.of(name, 80);
	}

	private static List<String> tags(@Nullable List<String> values, List<Violation> violations) {
		LinkedHashSet<String> tags = new LinkedHashSet<>();
		if (values != null) {
			for (String value : values) {
				String tag = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
				if (tag.isEmpty()) {
					continue;
				}
				if (!TAG.matcher(tag).matches()) {
					violations.add(new Violation("tags", "The tag '" + value + "' is not valid: up to 30 letters, digits, "
							+ "spaces and . + # -, starting with a letter or digit."));
				}
				tags.add(tag);
			}
		}
		if (tags.size() > MAX_TAGS) {
			violations.add(new Violation("tags", "Use at most " + MAX_TAGS + " tags (there are " + tags.size() + ")."));
		}
		return List.copyOf(tags);
	}

	private static @Nullable String optionalEmail(@Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String email = value.strip();
		if (!EmailAddresses.isWellFormed(email)) {
			violations.add(new Violation("supportEmail", "'" + email + "' is not an e-mail address."));
		}
		return email;
	}

	static @Nullable String optionalUrl(String field, @Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String url = value.strip();
		try {
			URI uri = new URI(url);
			if (url.length() > 500 || uri.getHost() == null
					|| !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw new URISyntaxException(url, "not an absolute http(s) URL");
			}
		}
		catch (URISyntaxException ex) {
			violations.add(new Violation(field, "Give a web address starting with https://."));
		}
		return url;
	}

	private static @Nullable Integer range(String field, @Nullable Integer value, int min, int max, String what,
			List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(field, what + " is required."));
			return null;
		}
		if (value < min || value > max) {
			violations.add(new Violation(field, what + " must be between " + min + " and " + max + " (got " + value + ")."));
			return null;
		}
		return value;
	}

	private static @Nullable Integer memory(@Nullable Integer value, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation("memoryMib", "RAM (MiB) is required."));
			return null;
		}
		if (value < MIN_MEMORY_MIB || value > MAX_MEMORY_MIB) {
			violations.add(new Violation("memoryMib", "RAM must be between " + MIN_MEMORY_MIB + " MiB and 2 TiB ("
					+ MAX_MEMORY_MIB + " MiB); " + value + " MiB is " + describeMib(value) + "."));
			return null;
		}
		return value;
	}

	private static String describeMib(long mib) {
		if (mib >= 1024L * 1024) {
			return new BigDecimal(mib).divide(new BigDecimal(1024 * 1024), 1, java.math.RoundingMode.HALF_UP)
				.stripTrailingZeros().toPlainString() + " TiB";
		}
		if (mib >= 1024) {
			return new BigDecimal(mib).divide(new BigDecimal(1024), 1, java.math.RoundingMode.HALF_UP)
				.stripTrailingZeros().toPlainString() + " GiB";
		}
		return mib + " MiB";
	}

	private @Nullable ImageSummary image(@Nullable String value, List<Violation> violations) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation("imageId", "Choose the image the VM boots from."));
			return null;
		}
		try {
			Optional<ImageSummary> image = images.find(new ImageId(UUID.fromString(value.strip())));
			if (image.isEmpty()) {
				violations.add(new Violation("imageId", "There is no image " + value.strip() + "; see GET /api/v1/images."));
				return null;
			}
			if (!image.get().available()) {
				violations.add(new Violation("imageId", "The image " + image.get().name() + " is deprecated; choose another."));
				return null;
			}
			return image.get();
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("imageId", "'" + value + "' is not an image id."));
			return null;
		}
	}
}
