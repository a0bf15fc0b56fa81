package io.skyport.compute.images;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.Browser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * An operator on a 390 px phone registers an image whose disk is uploaded, is told when the upload does not match its
 * sha256, uploads the right file, and retries a node's failed copy.
 */
@SkyportIntegrationTest
class ImagePagesBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void an_operator_registers_an_image_uploads_its_disk_and_retries_a_failed_copy() throws Exception {
		TestUser operator = accounts.operator();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String brokenNode = "nopool-" + suffix;
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (:id, :name, 'test:///default', :name, 'QEMU', 'UP', 4, 4096, 100, 'no-such-pool', now(), now())""")
			.param("id", UUID.randomUUID())
			.param("name", brokenNode)
			.update();
		byte[] disk = new byte[64_000];
		new Random(42).nextBytes(disk);
		String name = "Phone image " + suffix;

		Page page = browser.page();
		page.setViewportSize(390, 844);
		page.navigate("/login");
		page.getByLabel("E-mail address").fill(operator.email());
		page.getByLabel("Password").fill(TestData.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL("**/panel");
		page.navigate("/panel/admin/images");

		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		page.getByLabel("Boots from").selectOption("DISK");
		page.getByLabel("Disk", new Page.GetByLabelOptions().setExact(true)).fill("");
		page.getByLabel("Disk sha256").fill(sha256(disk));
		page.getByLabel("Default SSH user").fill("debian");
		page.getByLabel("Smallest root disk (GiB)").fill("1");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register image")).click();

		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(name);
		Locator file = page.locator("article.image-file[data-kind='disk']");
		assertThat(file).containsText("PENDING");
		assertThat(file).containsText(sha256(disk));
		noSidewaysScroll(page);
		browser.screenshot("image-upload-390");

		byte[] wrong = new byte[64_000];
		file.getByLabel("Upload the disk").setInputFiles(new FilePayload("disk.raw", "application/octet-stream", wrong));
		file.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upload").setExact(true)).click();
		assertThat(file.getByRole(AriaRole.STATUS)).containsText("not the expected " + sha256(disk));
		assertThat(file).containsText("PENDING");

		file.getByLabel("Upload the disk").setInputFiles(new FilePayload("disk.raw", "application/octet-stream", disk));
		file.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upload").setExact(true)).click();
		assertThat(page.locator("article.image-file[data-kind='disk']")).containsText("READY");
		assertThat(page.locator("article.image-file[data-kind='disk']")).containsText("64,000 bytes");

		Locator copy = page.locator("article.image-copy[data-node='" + brokenNode + "']");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			page.reload();
			assertThat(copy.count()).isOne();
			assertThat(copy.textContent()).contains("FAILED");
		});
		assertThat(copy).containsText("FAILED");
		assertThat(copy).containsText("storage pool");
		noSidewaysScroll(page);
		browser.screenshot("image-copies-390");
		Locator retry = copy.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry the copy on "
				+ brokenNode));
		assertThat(retry).isVisible();
		retry.click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("The copy is made again.");
	}

	private static void noSidewaysScroll(Page page) {
		Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
		Object viewport = page.evaluate("() => document.documentElement.clientWidth");
		assertThat(((Number) pageWidth).intValue()).as("no sideways scroll")
			.isLessThanOrEqualTo(((Number) viewport).intValue());
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}
}
