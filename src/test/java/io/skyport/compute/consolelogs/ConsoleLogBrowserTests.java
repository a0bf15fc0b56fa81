package io.skyport.compute.consolelogs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.skyport.deployer.DeployerFixtures;
import io.skyport.deployer.DeployerFixtures.World;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * A customer on a 390 px phone orders a server, reads what it printed on its serial console on the server's page,
 * watches new lines arrive on the console log page without reloading it, and follows a deployment step's link to the
 * lines captured during that step.
 */
@SkyportIntegrationTest
class ConsoleLogBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	ConsoleCapture capture;

	@Autowired
	JdbcClient jdbc;

	@Test
	void the_owner_reads_the_console_log_live_and_the_timeline_links_each_step_to_its_lines() throws Exception {
		World world = fixtures.world();
		UUID deployment = fixtures.deploymentOf(fixtures.order(world, world.bareVmPlan(), false));
		// The schedule is off in tests: capture while the deployment runs, as the recurring task would.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			capture.round();
			return "READY".equals(fixtures.state(deployment));
		});
		UUID instance = fixtures.instanceOf(deployment);
		Path console = consoleFile(instance);
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(console)
				&& Files.readString(console).contains("login: "));
		capture.round();

		Page page = browser.page();
		page.setViewportSize(390, 844);
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(world.customer().email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");

		page.navigate("/panel/instances/" + instance);
		assertThat(page.getByTestId("console-tail")).containsText("Skyport simulated guest");
		page.getByTestId("console-log-link").click();
		page.waitForURL("**/panel/instances/" + instance + "/console-log");
		Locator log = page.getByTestId("console-log");
		assertThat(log).containsText("Cloud-init v. 22.4 (Skyport simulated guest) finished");
		assertThat(log).containsText("login:");
		assertThat(page.getByTestId("console-download")).hasAttribute("href",
				"/api/v1/instances/" + instance + "/console-log/download");
		org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
			.as("no sideways scroll at 390 px").isLessThanOrEqualTo(390);

		Files.writeString(console, "root\r\nPassword: \r\nLogin incorrect\r\n", StandardOpenOption.APPEND);
		capture.round();
		assertThat(log).containsText("Login incorrect");
		assertThat(page.locator("#console-log .console-line")).not().hasCount(0);
		browser.screenshot("console-log-390");

		page.navigate("/panel/deployments/" + deployment);
		Locator awaiting = page.getByTestId("timeline-step").filter(new Locator.FilterOptions().setHasText("awaiting guest"));
		awaiting.getByTestId("step-console-log").click();
		page.waitForURL("**/console-log?since=**");
		assertThat(page.locator("#lines-heading")).hasText("Lines captured during awaiting guest");
		assertThat(page.getByTestId("console-log")).not().hasAttribute("data-live", java.util.regex.Pattern.compile(".*"));
		browser.screenshot("console-log-step-390");
	}

	private Path consoleFile(UUID instance) {
		String machine = jdbc.sql("select machine_name from compute_instances where id = ?").param(instance)
			.query(String.class).single();
		return Path.of(System.getProperty("java.io.tmpdir"), "skyport-test-consoles", machine + ".log");
	}
}
