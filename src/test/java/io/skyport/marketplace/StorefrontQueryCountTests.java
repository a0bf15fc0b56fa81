package io.skyport.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.SqlStatementCounter;

/**
 * The first performance requirement: with 10,000 products in the catalog, rendering a storefront page costs
 * a small fixed number of SQL statements (no N+1), whatever the catalog's size. Pages are rendered for real: the
 * page cache is emptied before each request, so each one is a MISS.
 */
@SkyportIntegrationTest
class StorefrontQueryCountTests {

	/** The products src/test/resources/seed/storefront-products.sql adds (also used by bench/storefront.sh). */
	static final int SEEDED = 10_000;

	private static final String SEED_VENDOR = "00000000-0000-4000-8000-00000000cafe";

	private static boolean seeded;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SqlStatementCounter sql;

	@Autowired
	StorefrontPageCache cache;

	/** Once per JVM: the test database lives as long as the JVM and is shared by every test class. */
	@BeforeEach
	void seed() throws IOException {
		synchronized (StorefrontQueryCountTests.class) {
			if (!seeded) {
				long started = System.nanoTime();
				jdbc.execute(new ClassPathResource("seed/storefront-products.sql").getContentAsString(StandardCharsets.UTF_8));
				seeded = true;
				System.out.printf("Seeded %,d products in %d ms%n", SEEDED, (System.nanoTime() - started) / 1_000_000);
			}
		}
		assertThat(jdbc.queryForObject("select count(*) from products where vendor_id = ?::uuid and status = 'PUBLISHED'",
				Long.class, SEED_VENDOR)).isGreaterThanOrEqualTo(SEEDED);
	}

	@AfterEach
	void stop() {
		sql.stop();
	}

	// Statements per page in the steady state, as measured with 10,000 products (the warm-up render in
	// rendersWithAtMost has read what is loaded once per server: the categories, the resellers' storefront themes):
	// - home: the "newest" and the "top rated" searches, one statement each (2);
	// - a results page (browse, search, filtered and sorted page 3): one statement, rows and total together (1);
	// - a product page: the product, its plans, its screenshots, its visible reviews, and the available images that
	//   name the plans' operating systems (5).
	// Each bound allows one statement more than that; a query per product card would add 6 to 24.

	@Test
	void the_home_page_costs_two_statements_whatever_the_catalog_size() {
		rendersWithAtMost(2 + 1, "/", 6);
	}

	@Test
	void browsing_searching_and_filtering_cost_one_statement_per_results_page() {
		// Other tests publish products "now", so the first page of the newest may hold none of the seeded ones.
		assertThat(total(rendersWithAtMost(1 + 1, "/products", 24))).isGreaterThanOrEqualTo(SEEDED);
		assertThat(total(rendersWithAtMost(1 + 1, "/products?q=nebula", 24))).isGreaterThanOrEqualTo(SEEDED);
		assertThat(rendersWithAtMost(1 + 1, "/products?q=backup", 24)).contains("Nebula Backup ");
		assertThat(rendersWithAtMost(1 + 1, "/products?category=databases&sort=price_low&page=3", 24))
			.contains("Page 3 of ").contains("Nebula Postgres ");
	}

	@Test
	void a_product_page_costs_a_fixed_number_of_statements() {
		String slug = jdbc.queryForObject("select slug from products where vendor_id = ?::uuid order by published_at desc "
				+ "limit 1", String.class, SEED_VENDOR);
		assertThat(rendersWithAtMost(5 + 1, "/products/" + slug, 0)).contains("Nebula Seed Works").contains("Standard");
	}

	/** The number of results a results page reports. */
	private static long total(String html) {
		Matcher total = Pattern.compile("role=\"status\">([0-9]+) products<").matcher(html);
		assertThat(total.find()).as("a results page with its total").isTrue();
		return Long.parseLong(total.group(1));
	}

	/**
	 * Renders the page once to warm up, then afresh while counting: the second render must take at most
	 * {@code bound} statements and show at least {@code cards} product cards. Returns the page.
	 */
	private String rendersWithAtMost(int bound, String uri, int cards) {
		cache.invalidate();
		assertThat(mvc.get().uri(uri)).hasStatusOk();
		cache.invalidate();
		sql.start();
		MvcTestResult page = mvc.get().uri(uri).exchange();
		int count = sql.count();
		String statements = uri + ": " + sql.describe();
		sql.stop();
		assertThat(page).hasStatusOk().hasHeader(StorefrontPageCache.HEADER, "MISS");
		String html = new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(html.split("class=\"product-card\"", -1).length - 1).as("product cards on " + uri)
			.isGreaterThanOrEqualTo(cards);
		assertThat(count).as(statements).isLessThanOrEqualTo(bound);
		if (Boolean.getBoolean("skyport.show-sql-counts")) {
			System.out.println(statements);
		}
		return html;
	}
}
