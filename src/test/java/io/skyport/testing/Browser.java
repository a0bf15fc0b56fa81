package io.skyport.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A real headless Chromium for end-to-end tests of the pages. One Playwright and one browser per test class, a fresh
 * {@link BrowserContext} (own cookies, so signed out) and {@link Page} per test. Register it as a static field:
 *
 * <pre>{@code
 * @SkyportIntegrationTest
 * class CatalogBrowserTests {
 *
 *     @RegisterExtension
 *     static final Browser browser = new Browser();
 *
 *     @Test
 *     void a_customer_browses_the_catalog() {
 *         Page page = browser.page();
 *         page.navigate("/catalog"); // relative to the app on its random port
 *         ...
 *         browser.screenshot("catalog");
 *     }
 * }
 * }</pre>
 *
 * With a Spring Boot test on a random port (e.g. {@link SkyportIntegrationTest}) the context's base URL is that
 * server, so {@code page.navigate("/signup")} works. Screenshots go to {@code target/screenshots/<name>.png}; a
 * failing test leaves one named after the test class and method there on its own.
 * <p>
 * Uses the system Chromium ({@code /usr/bin/chromium}, or the {@code skyport.chromium} system property); Playwright
 * never downloads a browser here. If it is missing, the tests fail, they do not skip: install it with
 * {@code apt-get install chromium}.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	/** Where screenshots go, relative to the Maven module (surefire's working directory). */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");

	private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
			"--disable-quic");

	private Playwright playwright;
	private com.microsoft.playwright.Browser browser;
	private BrowserContext context;
	private Page page;

	/** The page of the current test, in a browser context of its own. */
	public Page page() {
		if (page == null) {
			throw new IllegalStateException("No page outside a test: register Browser with @RegisterExtension "
					+ "on a static field and call page() from a test method");
		}
		return page;
	}

	/** The current test's browser context, e.g. to open a second page or read cookies. */
	public BrowserContext context() {
		page();
		return context;
	}

	/** Saves a full-page screenshot of the current page as {@code target/screenshots/<name>.png} and returns its path. */
	public Path screenshot(String name) {
		Path file = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
		page().screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
		return file;
	}

	@Override
	public void beforeAll(ExtensionContext extension) {
		Path chromium = Path.of(System.getProperty("skyport.chromium", DEFAULT_CHROMIUM.toString()));
		if (!Files.isExecutable(chromium)) {
			throw new IllegalStateException("Browser tests need Chromium at " + chromium
					+ " but it is missing. Install it with: apt-get install chromium "
					+ "(or point -Dskyport.chromium at another Chromium binary).");
		}
		playwright = Playwright.create();
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
			.setExecutablePath(chromium)
			.setHeadless(true)
			.setArgs(CHROMIUM_ARGS));
	}

	@Override
	public void beforeEach(ExtensionContext extension) {
		var options = new com.microsoft.playwright.Browser.NewContextOptions()
			.setViewportSize(1280, 800)
			.setLocale("en-GB")
			.setTimezoneId("UTC");
		baseUrl(extension).ifPresent(options::setBaseURL);
		context = browser.newContext(options);
		page = context.newPage();
	}

	@Override
	public void afterEach(ExtensionContext extension) {
		try {
			if (extension.getExecutionException().isPresent() && page != null && !page.isClosed()) {
				screenshot("FAILED-" + extension.getRequiredTestClass().getSimpleName() + "-"
						+ extension.getRequiredTestMethod().getName());
			}
		}
		finally {
			if (context != null) {
				context.close();
			}
			context = null;
			page = null;
		}
	}

	@Override
	public void afterAll(ExtensionContext extension) {
		try {
			if (browser != null) {
				browser.close();
			}
		}
		finally {
			if (playwright != null) {
				playwright.close();
			}
			browser = null;
			playwright = null;
		}
	}

	/** The Spring Boot test server's URL if the test class runs one on a port, e.g. with {@link SkyportIntegrationTest}. */
	private static Optional<String> baseUrl(ExtensionContext extension) {
		if (!AnnotatedElementUtils.hasAnnotation(extension.getRequiredTestClass(), SpringBootTest.class)) {
			return Optional.empty();
		}
		ApplicationContext spring = SpringExtension.getApplicationContext(extension);
		return Optional.ofNullable(spring.getEnvironment().getProperty("local.server.port"))
			.map(port -> "http://localhost:" + port);
	}
}
