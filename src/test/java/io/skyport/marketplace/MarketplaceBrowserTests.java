package io.skyport.marketplace;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.catalog.CatalogRequests;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ImageSummary;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import io.skyport.testing.TestImages;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog from end to end in a real browser: a vendor publishes a product with a logo, a visitor finds it and
 * compares it with another, and a reseller opens a storefront that sells it with a markup. Found by label and role.
 */
@SkyportIntegrationTest
class MarketplaceBrowserTests {

	/** The logo's colour: dark enough for white text, so the storefront keeps it as the brand background. */
	private static final Color LOGO_TEAL = new Color(0x0f, 0x76, 0x6e);

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Test
	void a_vendor_publishes_a_product_a_customer_finds_and_compares_it_and_a_reseller_sells_it_marked_up() {
		TestUser vendor = accounts.vendor();
		TestUser reseller = accounts.reseller();
		ImageSummary image = compute.image(10);
		String imageId = image.id().id().toString();
		String imageName = image.name();
		String marker = "Kestrel" + UUID.randomUUID().toString().substring(0, 6);
		String product = marker + " Metrics";
		String other = marker + " Logs";
		Page page = browser.page();

		// 1. The vendor creates the product, adds a plan and a logo, and publishes it
		signIn(page, vendor);
		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Products")).click();
		page.waitForURL("**/panel/vendor/products");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New product")).click();
		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(product);
		page.getByLabel("Short description").fill("Metrics stored for a year and graphed in real time.");
		page.getByLabel("Category").selectOption("monitoring");
		page.getByLabel("Tags (optional)").fill("metrics, dashboards");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create draft")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Created '" + product + "' as a draft");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add plan")).click();
		page.getByLabel("Plan name").fill("Starter");
		page.getByLabel("vCPUs").fill("2");
		page.getByLabel("RAM (MiB)").fill("2048");
		page.getByLabel("Root disk (GiB)").fill("20");
		page.getByLabel("Image").selectOption(imageId);
		page.getByLabel("Monthly price").fill("10.00");
		assertThat(page.getByLabel("Currency")).hasValue("EUR");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add plan")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added the plan 'Starter'.");
		Locator planRows = page.getByRole(AriaRole.TABLE).locator("tbody").getByRole(AriaRole.ROW);
		assertThat(planRows).hasCount(1);
		assertThat(planRows).containsText("€10.00");

		page.getByLabel(Pattern.compile("^Logo\\b(?! and)"))
			.setInputFiles(new FilePayload("logo.png", "image/png", TestImages.png(128, 128, LOGO_TEAL)));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload logo")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("The logo was updated; the product's colours now follow it.");
		Locator logo = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Current logo"));
		assertThat(logo).isVisible();
		assertThat(logo).hasJSProperty("naturalWidth", 128);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText(product + " is on the storefront.");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw"))).isVisible();
		browser.screenshot("vendor-product-published");

		// The second product to compare with comes through the vendor's API: the pages are covered above
		publishThroughApi(vendor, other, imageId);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		page.waitForURL(url -> url.endsWith("/?signedOut"));

		// 2. A visitor searches from the header, finds both products and compares them
		search(page, marker);
		page.waitForURL(url -> url.matches(".*/products\\?q=" + marker + "$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Results for “" + marker + "”");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("2 products");
		Locator card = card(page, product);
		assertThat(card).containsText("from €10.00/month");
		assertThat(card).containsText("Monitoring and analytics");
		assertThat(card.locator(".product-card-brand")).hasCSS("background-color", "rgb(15, 118, 110)");
		assertThat(card.locator(".product-card-brand img")).hasJSProperty("naturalWidth", 128);
		assertThat(card(page, other)).containsText("from €7.00/month");

		card.getByLabel("Compare").check();
		card(page, other).getByLabel("Compare").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare selected")).click();
		page.waitForURL("**/compare?p=*&p=*");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Compare products");
		Locator table = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Plans of the compared products, side by side"));
		assertThat(table.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(product))).isVisible();
		assertThat(table.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(other))).isVisible();
		Locator compared = table.locator("tbody").getByRole(AriaRole.ROW);
		assertThat(compared).hasCount(3);
		assertThat(row(compared, "Starter").getByRole(AriaRole.CELL))
			.hasText(new String[] { "Starter", "2", "2 GiB", "20 GiB", "—", "€10.00", "—", "no reviews" });
		assertThat(row(compared, "Basic").getByRole(AriaRole.CELL))
			.hasText(new String[] { "Basic", "1", "1 GiB", "20 GiB", "—", "€7.00", "14 days", "no reviews" });
		assertThat(row(compared, "Plus").getByRole(AriaRole.CELL))
			.hasText(new String[] { "Plus", "2", "4 GiB", "40 GiB", "50 GiB at /data", "€15.00", "14 days" });
		browser.screenshot("compare");

		// 3. A reseller opens a storefront with 20 % markup and finds the product there at €12.00
		String slug = "harbour-" + marker.toLowerCase(Locale.ROOT);
		signIn(page, reseller);
		Locator myStorefront = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My storefront"));
		myStorefront.click();
		page.waitForURL("**/panel/reseller/storefront");
		assertThat(myStorefront).hasAttribute("aria-current", "page");
		page.getByLabel("Storefront name").fill("Harbour Cloud");
		page.getByLabel("Tagline (optional)").fill("Hosted software, supported by people you know.");
		page.getByLabel("Address").fill(slug);
		page.getByLabel("Primary colour").fill("#7c2d12");
		page.getByLabel("Button colour").fill("#0369a1");
		page.getByLabel("Markup on every price (%)").fill("20");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open storefront")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your storefront is live at /m/" + slug + ".");
		assertThat(page.getByLabel("Markup on every price (%)")).hasValue(Pattern.compile("^20(\\.0+)?$"));

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("/m/" + slug)).click();
		page.waitForURL(url -> url.endsWith("/m/" + slug));
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Harbour Cloud home"))).isVisible();
		search(page, marker);
		page.waitForURL(url -> url.matches(".*/m/" + slug + "/products\\?q=" + marker + "$"));
		assertThat(card(page, product)).containsText("from €12.00/month");
		assertThat(card(page, other)).containsText("from €8.40/month");
		card(page, product).getByRole(AriaRole.LINK).click();
		page.waitForURL(url -> url.matches(".*/m/" + slug + "/products/[a-z0-9-]+$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(product);
		Locator starter = row(page.getByRole(AriaRole.ROW), "Starter");
		assertThat(starter.getByRole(AriaRole.CELL))
			.hasText(new String[] { "2", "2 GiB", "20 GiB", "—", imageName, "no traffic charges", "—", "€12.00", "Order" });
		// Without a description or support contact there is no empty "About" section
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("About"))).hasCount(0);
		browser.screenshot("reseller-storefront");

		// The operator's storefront keeps the vendor's price
		String productPath = page.url().substring(page.url().indexOf("/products/"));
		page.navigate(productPath);
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(product);
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skyport Marketplace home"))).isVisible();
		assertThat(starter.getByRole(AriaRole.CELL).nth(7)).hasText("€10.00");
	}

	private static void signIn(Page page, TestUser user) {
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
	}

	private static void search(Page page, String text) {
		Locator box = page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search products"));
		box.fill(text);
		box.press("Enter");
	}

	/** The table row naming a plan. */
	private static Locator row(Locator rows, String plan) {
		return rows.filter(new Locator.FilterOptions().setHas(rows.page().getByText(plan, new Page.GetByTextOptions().setExact(true))));
	}

	/** A product's card in the grid, by the product's name. */
	private static Locator card(Page page, String name) {
		return page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions()
			.setHas(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true))));
	}

	private void publishThroughApi(TestUser vendor, String name, String imageId) {
		Map<String, Object> product = new HashMap<>();
		product.put("name", name);
		product.put("shortDescription", "Logs searched in seconds, kept as long as you need.");
		product.put("category", "monitoring");
		product.put("tags", List.of("logs"));
		String id = read(send("/api/v1/products", product, vendor), "$.id");
		send("/api/v1/products/" + id + "/plans", CatalogRequests.plan(imageId, "Basic", 1, 1024, 20, null, "7.00", "EUR"), vendor);
		send("/api/v1/products/" + id + "/plans", CatalogRequests.plan(imageId, "Plus", 2, 4096, 40, 50, "15.00", "EUR"), vendor);
		assertThat(send("/api/v1/products/" + id + "/publish", null, vendor)).hasStatus2xxSuccessful();
	}

	private MvcTestResult send(String uri, Object body, TestUser user) {
		var request = mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus2xxSuccessful();
		return result;
	}

	private static String read(MvcTestResult result, String path) {
		return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
	}
}
