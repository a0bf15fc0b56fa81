package io.skyport.deployer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * A customer on a 390 px phone creates a server on the "Create server" page, sees its price first, watches the
 * deployment's timeline reach READY and reads the access instructions.
 */
@SkyportIntegrationTest
class CreateServerBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	DeployerFixtures fixtures;

	@Test
	void a_customer_creates_a_server_watches_it_become_ready_and_reads_how_to_reach_it() {
		World world = fixtures.world();
		String type = "web-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(fixtures.send("POST", "/api/v1/admin/server-types", Map.of("name", type, "vcpus",
				world.bareVmPlan().vcpus(), "memoryMib", world.bareVmPlan().memoryMib(), "diskGib",
				world.bareVmPlan().diskGib()), world.operator()).getResponse().getStatus()).isEqualTo(201);
		assertThat(fixtures.send("PUT", "/api/v1/admin/server-prices/types/" + type,
				Map.of("currency", "EUR", "hourly", "0.0200"), world.operator()).getResponse().getStatus())
			.isEqualTo(200);
		String name = "phone-" + UUID.randomUUID().toString().substring(0, 6);

		Page page = browser.page();
		page.setViewportSize(390, 844);
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(world.customer().email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		page.navigate("/panel/instances");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create server")).click();
		page.waitForURL("**/panel/servers/new");
		page.getByLabel("Server type").selectOption(type);
		assertThat(page.getByTestId("price")).containsText("EUR 0.0200 per hour");
		assertThat(page.getByTestId("price")).containsText("€14.60");
		page.getByLabel(world.region()).check();
		page.getByLabel("Image").selectOption(world.bareVmPlan().imageId().id().toString());
		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		page.getByLabel("Tags (optional, comma-separated)").fill("env=phone");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create server"))).isVisible();
		Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
		Object viewport = page.evaluate("() => document.documentElement.clientWidth");
		assertThat(((Number) pageWidth).intValue()).as("no sideways scroll").isLessThanOrEqualTo(((Number) viewport).intValue());
		browser.screenshot("create-server-390");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create server")).click();

		page.waitForURL("**/panel/deployments/**");
		assertThat(page.getByTestId("deployment-state")).hasAttribute("data-state", "READY",
				new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
		assertThat(page.getByTestId("access-instructions")).isVisible();
		assertThat(page.getByTestId("ssh-command")).containsText("ssh ");
		assertThat(page.getByTestId("timeline-step").last()).containsText("notifying");
		browser.screenshot("created-server-ready-390");
	}
}
