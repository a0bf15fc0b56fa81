package io.skyport.compute.drift;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Connect;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.NodeId;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drift page in a real Chromium on a 390 px phone, reached from the panel's navigation: an orphan and a foreign
 * domain with a long name are listed without sideways scrolling. Then the operator switches the node's simulated
 * guest off in its form.
 */
@SkyportIntegrationTest
class DriftPagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	Reconciler reconciler;

	@Test
	void an_operator_reads_the_drift_on_a_phone_and_switches_a_nodes_simulated_guest_off() throws Exception {
		TestUser operator = accounts.operator();
		String name = "drift-" + UUID.randomUUID().toString().substring(0, 8);
		MvcTestResult created = mvc.post().uri("/api/v1/compute/nodes").header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("name", name, "uri", "test:///default", "region", name, "virtType",
					"QEMU", "storagePool", "default-pool")))
			.exchange();
		assertThat(created).hasStatus(201);
		String nodeId = JsonPath.read(created.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
		String orphan = "skyport-" + UUID.randomUUID();
		String foreign = "an-operators-hand-made-machine-with-a-rather-long-name-" + name;
		Connect libvirt = new Connect("test:///default");
		try {
			for (String domain : new String[] { orphan, foreign }) {
				libvirt.domainDefineXML("<domain type='test'><name>" + domain + "</name><memory unit='MiB'>64</memory>"
						+ "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");
			}
			reconciler.reconcile(Set.of(new NodeId(UUID.fromString(nodeId))), null);

			Page page = browser.page();
			page.setViewportSize(390, 844);
			page.navigate("/login");
			page.getByLabel("E-mail address").fill(operator.email());
			page.getByLabel("Password").fill(TestData.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
			page.waitForURL("**/panel");
			page.navigate("/panel/admin/drift");
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Drift");
			Locator orphanItem = page.locator("li[data-kind='ORPHAN_MACHINE']").filter(new Locator.FilterOptions().setHasText(orphan));
			assertThat(orphanItem).containsText("no instance owns");
			assertThat(orphanItem).containsText(name);
			assertThat(page.locator("li[data-kind='FOREIGN_MACHINE']").filter(new Locator.FilterOptions().setHasText(foreign)))
				.isVisible();
			browser.screenshot("drift-390");
			Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
			Object viewport = page.evaluate("() => document.documentElement.clientWidth");
			assertThat(((Number) pageWidth).intValue()).as("no sideways scroll")
				.isLessThanOrEqualTo(((Number) viewport).intValue());

			page.navigate("/panel/admin/nodes/" + nodeId + "/edit");
			assertThat(page.getByLabel("Simulated guest")).hasValue("true");
			page.getByLabel("Simulated guest").selectOption("false");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save node")).click();
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("Saved the node " + name);
			assertThat(page.getByText("Simulated guest").locator("xpath=following-sibling::dd[1]")).hasText("off");
		}
		finally {
			for (String domain : new String[] { orphan, foreign }) {
				libvirt.domainLookupByName(domain).undefine();
			}
			libvirt.close();
		}
	}
}
