package io.skyport.compute.instances;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * A customer finds their instance in the panel and stops and starts it; an operator sees its domain XML.
 */
@SkyportIntegrationTest
class InstancePagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	ComputeInstances instances;

	@Autowired
	JdbcClient jdbc;

	@Test
	void a_customer_stops_and_starts_an_instance_and_an_operator_reads_its_domain_xml() {
		TestUser customer = accounts.customer();
		ImageSummary image = compute.image(1);
		String name = "shop-" + UUID.randomUUID().toString().substring(0, 6);
		InstanceId id = compute.create(new NewInstance(customer.user().organisationId(), null, name, "The shop",
				List.of("web"), "local", 1, 256, 1, null, null, image.id(), List.of(), null, null, null, null));
		compute.provision(id);
		Page page = browser.page();
		signIn(page, customer.email());

		page.navigate("/panel/instances");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
		assertThat(page.getByTestId("instance-state")).hasText("running");
		page.onDialog(dialog -> dialog.accept());
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop")).click();
		assertThat(page.getByTestId("instance-state")).hasText("stopped");
		assertThat(page.getByText(name + " is stopped.")).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start")).click();
		assertThat(page.getByTestId("instance-state")).hasText("running");
		browser.screenshot("instance-customer");

		Page operatorPage = browser.context().browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setBaseURL(page.url().replaceAll("(https?://[^/]+).*", "$1"))).newPage();
		signIn(operatorPage, accounts.operator().email());
		operatorPage.navigate("/panel/admin/instances/" + id);
		assertThat(operatorPage.getByTestId("domain-xml")).containsText("ds=nocloud-net;s=");
	}

	@Test
	void an_operator_pages_through_a_nodes_instances_on_a_phone() {
		TestUser customer = accounts.customer();
		ImageSummary image = compute.image(1);
		String region = "pages-" + UUID.randomUUID().toString().substring(0, 8);
		UUID node = UUID.randomUUID();
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (?, ?, 'test:///default', ?, 'QEMU', 'UP', 8, 8192, 100, 'default-pool', now(), now())""")
			.params(node, region + "-node", region)
			.update();
		for (String name : List.of("older-vm", "middle-vm", "newest-vm")) {
			compute.create(new NewInstance(customer.user().organisationId(), null, name, null, List.of(), region, 1, 256,
					1, null, null, image.id(), List.of(), null, null, null, null));
		}
		Page page = browser.page();
		page.setViewportSize(390, 844);
		signIn(page, accounts.operator().email());

		page.navigate("/panel/admin/instances?size=2&nodeId=" + node);
		assertThat(page.getByTestId("instance-count")).hasText("3 instances · page 1 of 2");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("newest-vm"))).isVisible();
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("older-vm"))).hasCount(0);
		org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
			.as("no sideways scroll at 390 px").isLessThanOrEqualTo(390);
		browser.screenshot("admin-instances-390");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older")).click();
		assertThat(page.getByTestId("instance-count")).hasText("3 instances · page 2 of 2");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("older-vm"))).isVisible();

		page.getByLabel("State").selectOption("running");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(page.getByTestId("instance-count")).hasText("0 instances");
	}

	private static void signIn(Page page, String email) {
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(email);
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
	}
}
