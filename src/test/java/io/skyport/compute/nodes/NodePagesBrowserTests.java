package io.skyport.compute.nodes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

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
 * An operator adds a compute node in a real browser, after the form has pointed out a bad libvirt URI.
 */
@SkyportIntegrationTest
class NodePagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Test
	void an_operator_adds_a_node_after_fixing_its_uri_and_sees_it_listed() {
		TestUser operator = accounts.operator();
		String name = "hv-" + UUID.randomUUID().toString().substring(0, 6);
		Page page = browser.page();

		page.navigate("/login");
		page.getByLabel("E-mail address").fill(operator.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Control panel"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Compute nodes")).click();
		page.waitForURL("**/panel/admin/nodes");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Compute nodes");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Add node")).click();

		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		Locator uri = page.getByLabel("libvirt URI");
		uri.fill("qemu+ssh:///system");
		page.getByLabel("Region").fill("local");
		page.getByLabel("Virtualisation").selectOption("QEMU");
		page.getByLabel("vCPUs").fill("8");
		page.getByLabel("RAM (MiB)").fill("16384");
		page.getByLabel("Disk (GiB)").fill("200");
		page.getByLabel("Storage pool").fill("default-pool");
		Locator add = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add node"));
		add.click();

		assertThat(uri).hasAttribute("aria-invalid", "true");
		assertThat(uri).hasValue("qemu+ssh:///system");
		assertThat(uri).hasAccessibleDescription(Pattern.compile("qemu\\+ssh connects to another machine"));
		assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue(name);
		browser.screenshot("node-form-errors");

		uri.fill("test:///default");
		add.click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Added the node " + name);
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(name);
		browser.screenshot("node-detail");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← All nodes")).click();
		Locator row = page.locator("tr[data-node='" + name + "']");
		assertThat(row).containsText("test:///default");
		assertThat(row).containsText("0 / 32");
		assertThat(row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name))).isVisible();
		browser.screenshot("nodes-list");
	}
}
