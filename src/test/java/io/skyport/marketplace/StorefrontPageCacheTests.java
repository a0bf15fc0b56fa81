package io.skyport.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The page cache's expiry, refresh and conditional requests, with a clock the test moves (the integration tests in
 * {@link StorefrontPagesTests} cover it inside the application, with Spring Security in front).
 */
class StorefrontPageCacheTests {

	private static final Instant START = Instant.parse("2026-11-23T10:00:00.400Z");
	private static final Duration TTL = Duration.ofSeconds(30);

	private final AtomicReference<Instant> now = new AtomicReference<>(START);
	private final StorefrontPageCache cache = new StorefrontPageCache(new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	}, true, TTL, 100, 1 << 20);

	private final AtomicReference<String> content = new AtomicReference<>("version 1");
	private final AtomicInteger status = new AtomicInteger(200);
	private final AtomicInteger renders = new AtomicInteger();

	/** The "page": renders the current content with the current status, and counts renders. */
	private final FilterChain page = (request, response) -> {
		renders.incrementAndGet();
		var http = (jakarta.servlet.http.HttpServletResponse) response;
		http.setStatus(status.get());
		response.setContentType("text/html;charset=UTF-8");
		response.getOutputStream().write(("<p>" + content.get() + "</p>").getBytes(StandardCharsets.UTF_8));
	};

	@Test
	void a_page_past_its_ttl_is_rendered_again_by_one_request_while_the_others_get_the_old_copy() throws Exception {
		assertThat(get(page)).satisfies(r -> assertThat(r.getHeader(StorefrontPageCache.HEADER)).isEqualTo("MISS"));
		assertThat(get(page).getHeader(StorefrontPageCache.HEADER)).isEqualTo("HIT");

		now.set(START.plus(TTL).plusSeconds(1));
		content.set("version 2");
		AtomicReference<MockHttpServletResponse> during = new AtomicReference<>();
		MockHttpServletResponse refreshed = get((request, response) -> {
			during.set(get(page)); // another visitor, while this request renders
			page.doFilter(request, response);
		});

		assertThat(refreshed.getHeader(StorefrontPageCache.HEADER)).isEqualTo("MISS");
		assertThat(refreshed.getContentAsString()).contains("version 2");
		assertThat(during.get().getHeader(StorefrontPageCache.HEADER)).isEqualTo("STALE");
		assertThat(during.get().getContentAsString()).contains("version 1");
		assertThat(get(page).getContentAsString()).contains("version 2");
		assertThat(renders).hasValue(2);
	}

	@Test
	void a_refresh_that_yields_no_page_drops_the_old_copy() throws Exception {
		get(page);
		now.set(START.plus(TTL).plusSeconds(1));
		status.set(404);

		assertThat(get(page).getStatus()).isEqualTo(404);
		assertThat(cache.size()).isZero();
		MockHttpServletResponse next = get(page);
		assertThat(next.getStatus()).isEqualTo(404);
		assertThat(renders).hasValue(3);
	}

	@Test
	void a_failed_refresh_drops_the_old_copy_and_leaves_no_claim_behind() throws Exception {
		get(page);
		now.set(START.plus(TTL).plusSeconds(1));

		try {
			get((request, response) -> {
				throw new ServletException("database down");
			});
		}
		catch (ServletException expected) {
			// as the chain failed
		}
		assertThat(cache.size()).isZero();
		assertThat(get(page).getHeader(StorefrontPageCache.HEADER)).isEqualTo("MISS");
	}

	@Test
	void pages_dropped_because_the_catalog_changed_are_never_sent_again() throws Exception {
		get(page);
		content.set("version 2");
		cache.invalidate();

		MockHttpServletResponse after = get(page);
		assertThat(after.getHeader(StorefrontPageCache.HEADER)).isEqualTo("MISS");
		assertThat(after.getContentAsString()).contains("version 2");
	}

	@Test
	void conditional_requests_by_etag_or_date_get_304_and_an_unchanged_page_keeps_its_date() throws Exception {
		MockHttpServletResponse first = get(page);
		String etag = first.getHeader(HttpHeaders.ETAG);
		String lastModified = first.getHeader(HttpHeaders.LAST_MODIFIED);
		assertThat(lastModified).isEqualTo("Mon, 23 Nov 2026 10:00:00 GMT");

		assertThat(get(page, HttpHeaders.IF_NONE_MATCH, etag).getStatus()).isEqualTo(304);
		assertThat(get(page, HttpHeaders.IF_NONE_MATCH, "\"other\"").getStatus()).isEqualTo(200);
		assertThat(get(page, HttpHeaders.IF_MODIFIED_SINCE, lastModified).getStatus()).isEqualTo(304);
		assertThat(get(page, HttpHeaders.IF_MODIFIED_SINCE, "Mon, 23 Nov 2026 09:59:59 GMT").getStatus()).isEqualTo(200);
		assertThat(get(page, HttpHeaders.IF_MODIFIED_SINCE, "yesterday").getStatus()).isEqualTo(200);
		// If-None-Match decides when both are sent (RFC 9110, 13.2.2)
		MockHttpServletRequest both = request();
		both.addHeader(HttpHeaders.IF_NONE_MATCH, "\"other\"");
		both.addHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
		assertThat(send(both, page).getStatus()).isEqualTo(200);

		now.set(START.plus(TTL).plusSeconds(5));
		get(page); // refreshed, same content
		assertThat(get(page).getHeader(HttpHeaders.LAST_MODIFIED)).isEqualTo(lastModified);
		content.set("version 2");
		cache.invalidate();
		assertThat(get(page).getHeader(HttpHeaders.LAST_MODIFIED)).isEqualTo("Mon, 23 Nov 2026 10:00:35 GMT");
	}

	private MockHttpServletResponse get(FilterChain chain) throws IOException, ServletException {
		return send(request(), chain);
	}

	private MockHttpServletResponse get(FilterChain chain, String header, String value) throws IOException, ServletException {
		MockHttpServletRequest request = request();
		request.addHeader(header, value);
		return send(request, chain);
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/products");
		request.setQueryString("q=db");
		return request;
	}

	private MockHttpServletResponse send(MockHttpServletRequest request, FilterChain chain)
			throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		cache.doFilter(request, response, chain);
		return response;
	}
}
