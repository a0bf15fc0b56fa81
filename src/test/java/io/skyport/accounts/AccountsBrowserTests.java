package io.skyport.accounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The accounts pages in a real browser, found the way a screen reader finds them: by label and role.
 */
@SkyportIntegrationTest
class AccountsBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Test
	void a_new_customer_signs_up_signs_in_adds_an_ssh_key_and_sees_its_fingerprint() {
		Page page = browser.page();
		String email = TestData.uniqueEmail();

		// Sign up
		page.navigate("/signup");
		page.getByLabel("buy and run software").check();
		page.getByLabel("Your name").fill("Ada Lovelace");
		page.getByLabel("Company or organisation").fill("Analytical Engines Ltd");
		page.getByLabel("E-mail address").fill(email);
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

		page.waitForURL("**/login");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Your account is ready. Sign in to continue.");
		assertThat(page.getByLabel("E-mail address")).hasValue(email);

		// Sign in
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		// To the SSH keys through the side navigation
		Locator sshKeysLink = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("SSH keys"));
		sshKeysLink.click();
		page.waitForURL("**/panel/ssh-keys");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("SSH keys").setLevel(1))).isVisible();
		assertThat(sshKeysLink).hasAttribute("aria-current", "page");

		Locator publicKey = page.getByLabel("Public key");
		Locator keyName = page.getByLabel("Name");
		Locator addKey = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add key"));

		// A private key is refused, next to the field, and nothing is stored
		publicKey.fill(SshKeyFixtures.read("id_ed25519_private.txt"));
		keyName.fill("leaked");
		addKey.click();
		Pattern privateKeyError = Pattern.compile("This is a PRIVATE key\\. Never share your private key");
		assertThat(publicKey).hasAttribute("aria-invalid", "true");
		assertThat(publicKey).hasAccessibleDescription(privateKeyError);
		assertThat(page.locator(".field:has(#publicKey)").getByText(privateKeyError)).isVisible();
		assertThat(page.getByText("You have no SSH keys yet.")).isVisible();
		assertThat(page.getByRole(AriaRole.TABLE)).hasCount(0);

		// The public key is added and shows exactly the fingerprint ssh-keygen computes
		publicKey.fill(SshKeyFixtures.read("id_ed25519.pub"));
		keyName.fill("Work laptop");
		addKey.click();
		String fingerprint = SshKeyFixtures.fingerprintOf("id_ed25519.pub");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Added 'Work laptop' (" + fingerprint + ").");
		Locator rows = page.getByRole(AriaRole.TABLE).locator("tbody").getByRole(AriaRole.ROW);
		assertThat(rows).hasCount(1);
		assertThat(rows.getByRole(AriaRole.CELL).first()).hasText("Work laptop");
		assertThat(rows.locator("code.fingerprint")).hasText(fingerprint);
		assertThat(publicKey).not().hasAttribute("aria-invalid", "true");
		browser.screenshot("ssh-key-added");

		// Signing out leads back to the storefront, signed out
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		page.waitForURL(url -> url.matches(".*/\\?signedOut$"));
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Software and servers, ready when you are.");
		assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in"))).isVisible();
		page.navigate("/panel/ssh-keys");
		page.waitForURL("**/login");
	}
}
