package io.skyport.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The outbox in a real browser: the HTML body shows in its sandboxed frame (under the panel's content security policy)
 * and its script does not run.
 */
@SkyportIntegrationTest
class OutboxBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	Emails emails;

	@Autowired
	AccountFixtures accounts;

	@Test
	void an_operator_reads_a_message_from_the_outbox() {
		String subject = "Your document " + UUID.randomUUID().toString().substring(0, 8);
		emails.send(new EmailRequest("test:" + UUID.randomUUID(), TestData.uniqueEmail(), subject, "test-message",
				Map.of("name", "Zoë", "number", "SKY-7"), List.of(Attachment.pdf("SKY-7.pdf", new byte[] { 37, 80, 68, 70 }))));
		AccountFixtures.TestUser operator = accounts.operator();
		Page page = browser.page();

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(operator.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Outbox"))
			.click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(subject)).click();

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(subject).setLevel(1))).isVisible();
		FrameLocator body = page.frameLocator("iframe.email-preview");
		assertThat(body.getByRole(AriaRole.HEADING, new FrameLocator.GetByRoleOptions().setName("Hello Zoë"))).isVisible();
		org.assertj.core.api.Assertions.assertThat(body.locator("title").textContent()).as("the script did not run")
			.isEqualTo(subject);
		assertThat(page.locator("pre")).containsText("your document SKY-7 is attached.");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SKY-7.pdf"))).isVisible();
		browser.screenshot("outbox-message");
	}
}
