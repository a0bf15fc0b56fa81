package io.skyport.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * Passkeys in Chromium with a virtual authenticator (Chrome DevTools Protocol, {@code WebAuthn} domain): one is
 * registered on the sign-in security page and then signs in from the sign-in page, without a password or a code.
 */
@SkyportIntegrationTest
class PasskeysBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	SecondFactors factors;

	@Test
	void a_user_registers_a_passkey_and_signs_in_with_it_even_with_an_authenticator_app() {
		Page page = browser.page();
		addVirtualAuthenticator(page);
		TestUser user = accounts.customer();

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.waitForURL("**/panel");

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign-in security")).click();
		page.waitForURL("**/panel/account/security");
		assertThat(page.getByText("You have no passkeys yet.")).isVisible();
		page.getByLabel("Name of the new passkey").fill("Virtual key");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a passkey")).click();
		page.waitForURL("**/panel/account/security?added");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your passkey was added. Next time, press Use a passkey on the sign-in page.");
		Locator rows = page.getByRole(AriaRole.TABLE).locator("tbody").getByRole(AriaRole.ROW);
		assertThat(rows).hasCount(1);
		assertThat(rows.first()).containsText("Virtual key");
		assertThat(factors.passkeys(user.email())).hasSize(1);
		java.time.Instant registeredAt = factors.passkeys(user.email()).getFirst().lastUsedAt();

		// An authenticator app as well: a passkey still signs in alone, being two factors itself.
		byte[] secret = Totp.Base32.decode(factors.startTotp(user.user()).secret());
		factors.confirmTotp(user.user().userId(), SecondFactorsApiTests.code(secret, 0));

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		page.navigate("/panel/account/security");
		page.waitForURL("**/login");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use a passkey")).click();
		page.waitForURL("**/panel/account/security?continue");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign-in security").setLevel(1))).isVisible();
		assertThat(factors.passkeys(user.email()).getFirst().lastUsedAt()).as("last used").isAfter(registeredAt);
	}

	@Test
	void the_security_page_fits_a_phone() {
		Page page = browser.page();
		page.setViewportSize(390, 844);
		TestUser user = accounts.customer();
		factors.startTotp(user.user());

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.waitForURL("**/panel");
		page.navigate("/panel/account/security");

		assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("QR code for your authenticator app"))).isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a passkey"))).isVisible();
		assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
		browser.screenshot("security-phone");
	}

	@Test
	void a_passkey_the_server_does_not_know_is_refused_with_a_message() {
		Page page = browser.page();
		CDPSession cdp = addVirtualAuthenticator(page);
		TestUser user = accounts.customer();
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(user.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		page.waitForURL("**/panel");
		page.navigate("/panel/account/security");
		page.getByLabel("Name of the new passkey").fill("Soon gone");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a passkey")).click();
		page.waitForURL("**/panel/account/security?added");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove passkey Soon gone")).click();
		assertThat(page.getByText("You have no passkeys yet.")).isVisible();
		assertThat(cdp).isNotNull();

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		page.navigate("/login");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use a passkey")).click();

		assertThat(page.getByRole(AriaRole.ALERT)).containsText("That passkey was not accepted");
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
	}

	private static CDPSession addVirtualAuthenticator(Page page) {
		CDPSession cdp = page.context().newCDPSession(page);
		cdp.send("WebAuthn.enable");
		JsonObject options = new JsonObject();
		options.addProperty("protocol", "ctap2");
		options.addProperty("transport", "internal");
		options.addProperty("hasResidentKey", true);
		options.addProperty("hasUserVerification", true);
		options.addProperty("isUserVerified", true);
		options.addProperty("automaticPresenceSimulation", true);
		JsonObject params = new JsonObject();
		params.add("options", options);
		cdp.send("WebAuthn.addVirtualAuthenticator", params);
		return cdp;
	}
}
