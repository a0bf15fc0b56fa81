package io.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.storage.ObjectStorage;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestImages;

/**
 * Logos and screenshots: real images in, re-encoded images out through object storage, bad files refused.
 */
@SkyportIntegrationTest
class CatalogMediaTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	CatalogFixtures catalog;

	@Autowired
	ObjectStorage storage;

	@Test
	void a_logo_is_re_encoded_stored_served_with_long_caching_and_sets_the_brand_colour() {
		TestUser vendor = accounts.vendor();
		CatalogFixtures.PublishedProduct product = catalog.publish(vendor, "Logo " + UUID.randomUUID().toString().substring(0, 6),
				"security", "EUR", "4");

		MvcTestResult upload = upload(vendor, product, "logo", TestImages.png(256, 256, new Color(200, 30, 30)), "logo.png");

		assertThat(upload).hasStatus(201);
		String url = JsonPath.read(body(upload), "$.url");
		String background = JsonPath.read(body(upload), "$.brandBackground");
		assertThat(url).startsWith("/media/public/catalog/products/" + product.id().id());
		assertThat(Integer.parseInt(background.substring(1, 3), 16)).isGreaterThan(Integer.parseInt(background.substring(3, 5), 16));
		MvcTestResult served = mvc.get().uri(url).exchange();
		assertThat(served).hasStatusOk().hasContentType("image/png");
		assertThat(served.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("immutable").contains("max-age=31536000");
		assertThat(mvc.get().uri(url).header(HttpHeaders.IF_NONE_MATCH, served.getResponse().getHeader(HttpHeaders.ETAG)))
			.hasStatus(304);
		assertThat(mvc.get().uri("/products/" + product.slug())).body().asString().contains(background);
	}

	@Test
	void a_zip_named_png_and_other_bad_uploads_are_refused_and_nothing_is_stored() {
		TestUser vendor = accounts.vendor();
		CatalogFixtures.PublishedProduct product = catalog.publish(vendor, "Bad " + UUID.randomUUID().toString().substring(0, 6),
				"security", "EUR", "4");

		assertThat(upload(vendor, product, "logo", zip(), "logo.png")).hasStatus(400).body().asString()
			.contains("This file is a ZIP archive, not an image.");
		assertThat(upload(vendor, product, "poster", TestImages.png(400, 300, Color.BLUE), "x.png")).hasStatus(400).body().asString()
			.contains("kind=logo or kind=screenshot");
		assertThat(upload(vendor, product, "logo", new byte[0], "empty.png")).hasStatus(400);
		assertThat(upload(accounts.vendor(), product, "logo", TestImages.png(256, 256, Color.BLUE), "x.png")).hasStatus(403);
		assertThat(mvc.get().uri("/api/v1/products/" + product.id().id())).body().asString().doesNotContain("logoUrl");
	}

	@Test
	void a_product_has_at_most_eight_screenshots_and_deleting_one_removes_its_files() {
		TestUser vendor = accounts.vendor();
		CatalogFixtures.PublishedProduct product = catalog.publish(vendor, "Shots " + UUID.randomUUID().toString().substring(0, 6),
				"security", "EUR", "4");
		byte[] screenshot = TestImages.png(640, 400, Color.GREEN);
		String firstId = null;
		String firstUrl = null;
		for (int i = 0; i < 8; i++) {
			MvcTestResult result = upload(vendor, product, "screenshot", screenshot, "s.png");
			assertThat(result).hasStatus(201);
			if (i == 0) {
				firstId = JsonPath.read(body(result), "$.id");
				firstUrl = JsonPath.read(body(result), "$.url");
			}
		}

		assertThat(upload(vendor, product, "screenshot", screenshot, "s.png")).hasStatus(409).body().asString()
			.contains("at most 8 screenshots");
		assertThat(mvc.delete().uri("/api/v1/products/" + product.id().id() + "/media/" + firstId)
			.header(HttpHeaders.AUTHORIZATION, vendor.bearer())).hasStatus(204);
		assertThat(storage.exists(firstUrl.substring("/media/".length()))).isFalse();
		assertThat(mvc.get().uri(firstUrl)).hasStatus(404);
		assertThat(mvc.get().uri("/api/v1/products/" + product.id().id())).bodyJson()
			.extractingPath("$.screenshots").asArray().hasSize(7);
	}

	@Test
	void private_objects_are_never_served() {
		storage.put("private/invoices/secret.pdf", new java.io.ByteArrayInputStream(new byte[] { 1 }), 1, "application/pdf");
		assertThat(mvc.get().uri("/media/private/invoices/secret.pdf")).hasStatus(404);
		assertThat(mvc.get().uri("/media/public/../private/invoices/secret.pdf")).hasStatus4xxClientError();
	}

	@Test
	void the_vendor_panel_uploads_a_logo_and_explains_a_refused_file() {
		TestUser vendor = accounts.vendor();
		CatalogFixtures.PublishedProduct product = catalog.publish(vendor, "Panel " + UUID.randomUUID().toString().substring(0, 6),
				"security", "EUR", "4");
		var login = mvc.post().uri("/login").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("username", vendor.email()).param("password", io.skyport.testing.TestData.PASSWORD).exchange();
		var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession(false);
		String page = "/panel/vendor/products/" + product.id().id();

		assertThat(mvc.post().uri(page + "/logo").multipart().file(new MockMultipartFile("file", "x.png", "image/png", zip()))
			.session(session).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.hasRedirectedUrl(page + "#media").flash().containsEntry("mediaProblem", "This file is a ZIP archive, not an image. "
					+ "It must be a PNG, JPEG or WebP image.");
		assertThat(mvc.post().uri(page + "/logo").multipart()
			.file(new MockMultipartFile("file", "x.png", "image/png", TestImages.png(128, 128, Color.ORANGE)))
			.session(session).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.hasRedirectedUrl(page + "#media");
		assertThat(mvc.get().uri(page).session(session)).body().asString()
			.contains("/media/public/catalog/products/" + product.id().id()).contains("Upload logo");
	}

	private MvcTestResult upload(TestUser user, CatalogFixtures.PublishedProduct product, String kind, byte[] content,
			String filename) {
		return mvc.post().uri("/api/v1/products/" + product.id().id() + "/media")
			.multipart()
			.file(new MockMultipartFile("file", filename, "image/png", content))
			.param("kind", kind)
			.header(HttpHeaders.AUTHORIZATION, user.bearer())
			.exchange();
	}

	private static byte[] zip() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("evil.txt"));
			zip.write("not an image".getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}
}
