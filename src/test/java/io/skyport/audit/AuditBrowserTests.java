package io.skyport.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' audit trail in a real Chromium on a 390 px phone: the page does not scroll sideways; the table
 * scrolls in its own box.
 */
@SkyportIntegrationTest
class AuditBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Test
	void the_operators_trail_fits_a_phone() {
		TestUser operator = accounts.operator();
		String longAddress = "a-rather-long-address-" + "x".repeat(60) + "@example.test";
		mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " + "y".repeat(200))
			.content(json.writeValueAsString(Map.of("email", longAddress, "password", "wrong", "name", "n")))
			.exchange();
		Page page = browser.page();
		page.setViewportSize(390, 844);

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(operator.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
		page.navigate("/panel/admin/audit?action=auth");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Audit trail");
		assertThat(page.getByText(longAddress).first()).isAttached();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter"))).isVisible();
		browser.screenshot("audit-trail-390");
		Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
		Object viewport = page.evaluate("() => document.documentElement.clientWidth");
		assertThat(((Number) pageWidth).intValue()).as("no sideways scroll").isLessThanOrEqualTo(((Number) viewport).intValue());
	}
}
