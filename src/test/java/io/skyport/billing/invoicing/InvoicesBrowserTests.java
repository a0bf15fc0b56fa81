package io.skyport.billing.invoicing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.catalog.Catalog;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.compute.CapacityFixtures;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * From an order to a downloaded invoice in a real browser: a customer orders a plan, an operator previews and issues
 * the invoice run, the customer finds the invoice in the panel and downloads its PDF.
 */
@SkyportIntegrationTest
class InvoicesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalogFixtures;

	@Autowired
	Catalog catalog;

	@Test
	void a_customer_who_ordered_sees_the_invoice_after_an_operators_run_and_downloads_its_pdf() throws Exception {
		InvoicingApi api = new InvoicingApi(mvc, json);
		TestUser customer = accounts.customer();
		PublishedProduct product = catalogFixtures.publish(accounts.vendor(),
				"Ledger " + UUID.randomUUID().toString().substring(0, 6), "databases", "EUR", "12.50");
		UUID plan = catalog.publishedProduct(product.id()).orElseThrow().plans().getFirst().planId().id();
		Map<String, Object> details = new HashMap<>(Map.of("legalName", "Browser Buyer Ltd", "billingEmail",
				customer.email(), "addressLine1", "1 Harbour Street", "postalCode", "10115", "city", "Berlin",
				"country", "DE", "business", false));
		assertThat(api.send(HttpMethod.PUT, "/api/v1/billing/account", details, customer)).hasStatusOk();
		assertThat(api.send(HttpMethod.POST, "/api/v1/orders",
				Map.of("planId", plan.toString(), "trial", false, "sshKeyIds", List.of(), "region",
						CapacityFixtures.ROOMY_REGION), customer)).hasStatus(201);

		Page page = browser.page();
		signIn(page, accounts.operator());
		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Invoice runs")).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Preview as of"))).isVisible();
		assertThat(page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName("Browser Buyer Ltd")).first())
			.isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue invoices")).click();
		assertThat(page.getByText("Tick the box")).isVisible();
		page.getByLabel("Issue these documents now").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue invoices")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("issued");
		browser.screenshot("invoice-runs");

		page.context().clearCookies();
		signIn(page, customer);
		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Invoices")).click();
		Locator number = page.getByRole(AriaRole.ROWHEADER).getByRole(AriaRole.LINK).first();
		String invoiceNumber = number.textContent().strip();
		assertThat(invoiceNumber).matches("SKY-\\d{4}-\\d{6}");
		assertThat(page.getByRole(AriaRole.ROW).nth(1)).containsText("€14.88");
		number.click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invoice " + invoiceNumber)))
			.isVisible();
		assertThat(page.getByText("Ledger")).not().hasCount(0);
		browser.screenshot("invoice");
		Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Download PDF")).click());

		assertThat(download.suggestedFilename()).isEqualTo(invoiceNumber + ".pdf");
		byte[] pdf = Files.readAllBytes(download.path());
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(PdfText.of(pdf)).contains(invoiceNumber, "Browser Buyer Ltd", "12.50", "14.88");
	}

	private static void signIn(Page page, TestUser user) {
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
	}
}
