package io.skyport.notifications;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The notification centre in Chromium on a 390 px phone: the bell in the header counts unread notices, the page marks
 * one and then all read, and nothing scrolls sideways.
 */
@SkyportIntegrationTest
class NotificationBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	Notices notices;

	@Autowired
	AccountFixtures accounts;

	@Test
	void a_customer_sees_the_count_in_the_header_and_marks_notices_read() {
		TestUser customer = accounts.customer();
		post(customer, "Your server web-1 is ready", "Address 192.0.2.10\nssh debian@192.0.2.10");
		post(customer, "Your server db-1 is ready with a rather long title that has to wrap on a small phone screen",
				"https://" + "very-long-host-name-".repeat(8) + ".example.test/");
		Page page = browser.page();
		page.setViewportSize(390, 844);

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(customer.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		Locator bell = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications, 2 unread"));
		assertThat(bell).isVisible();
		assertThat(bell).containsText("2");
		bell.click();
		page.waitForURL("**/panel/notifications");

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notifications").setLevel(1)))
			.isVisible();
		assertThat(page.getByText("2 unread notifications.")).isVisible();
		assertThat(page.locator(".notification-body").last()).containsText("ssh debian@192.0.2.10");
		browser.screenshot("notifications-390");
		assertNoSidewaysScroll(page);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark as read: Your server web-1 is ready"))
			.click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Marked as read.");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications, 1 unread")))
			.isVisible();
		assertThat(page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Mark as read: Your server web-1 is ready"))).hasCount(0);

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all as read")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Marked 1 notification as read.");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications, none unread")))
			.isVisible();
		assertThat(page.getByText("You have read everything.")).isVisible();
		assertThat(page.locator(".bell-count")).hasCount(0);
	}

	private void post(TestUser user, String title, String body) {
		notices.post(new NoticeRequest("test:" + UUID.randomUUID(), user.user().organisationId(), title, body, null));
	}

	private static void assertNoSidewaysScroll(Page page) {
		Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
		Object viewport = page.evaluate("() => document.documentElement.clientWidth");
		assertThat(((Number) pageWidth).intValue()).as("no sideways scroll")
			.isLessThanOrEqualTo(((Number) viewport).intValue());
	}
}
