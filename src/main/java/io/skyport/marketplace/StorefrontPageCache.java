package io.skyport.marketplace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;


/**
 * Serves anonymous storefront pages from memory. A page rendered for a visitor without a session or token is kept
 * (with a gzip copy and a strong ETag) until the catalog or a storefront changes on this server, or for at most
 * {@code skyport.marketplace.page-cache.ttl} — the bound on staleness for changes made on other servers.
 * Conditional requests get 304. Signed-in visitors are never served from, or stored in, the cache.
 */
@Component
class StorefrontPageCache extends OncePerRequestFilter {

	static final String HEADER = "X-Skyport-Cache";

	private final Clock clock;
	private final Duration ttl;
	private final int maxEntries;
	private final int maxBytes;
	private final boolean enabled;
	private final AtomicLong generation = new AtomicLong();
	private final Map<String, Page> pages = new ConcurrentHashMap<>();

	StorefrontPageCache(Clock clock, @Value("${skyport.marketplace.page-cache.enabled:true}") boolean enabled,
			@Value("${skyport.marketplace.page-cache.ttl:30s}") Duration ttl,
			@Value("${skyport.marketplace.page-cache.max-entries:5000}") int maxEntries,
			@Value("${skyport.marketplace.page-cache.max-page-bytes:1048576}") int maxBytes) {
		this.clock = clock;
		this.enabled = enabled;
		this.ttl = ttl;
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	/** A rendered page as sent. */
	private record Page(byte[] body, byte[] gzipped, String contentType, String etag, Instant storedAt) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!enabled || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
			return true;
		}
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getRequestedSessionId() != null
				|| request.getSession(false) != null) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/") || path.equals("/products") || path.startsWith("/products/") || path.equals("/compare")
				|| path.startsWith("/m/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = key(request);
		Page page = pages.get(key);
		if (page != null && page.storedAt().plus(ttl).isAfter(clock.instant())) {
			send(page, request, response, "HIT");
			return;
		}
		long generationBefore = generation.get();
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, wrapper);
		byte[] body = wrapper.getContentAsByteArray();
		String contentType = wrapper.getContentType();
		boolean cacheable = wrapper.getStatus() == 200 && contentType != null && contentType.startsWith("text/html")
				&& body.length <= maxBytes && request.getSession(false) == null
				&& wrapper.getHeader(HttpHeaders.SET_COOKIE) == null;
		if (!cacheable) {
			wrapper.copyBodyToResponse();
			return;
		}
		Page fresh = new Page(body, gzip(body), contentType, etag(body), clock.instant());
		if (generation.get() == generationBefore) {
			if (pages.size() >= maxEntries) {
				pages.clear();
			}
			pages.put(key, fresh);
		}
		wrapper.resetBuffer();
		send(fresh, request, wrapper, "MISS");
		wrapper.copyBodyToResponse();
	}

	private static void send(Page page, HttpServletRequest request, HttpServletResponse response, String outcome)
			throws IOException {
		response.setHeader(HEADER, outcome);
		response.setHeader(HttpHeaders.ETAG, page.etag());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=0, must-revalidate");
		response.setHeader(HttpHeaders.VARY, "Accept-Encoding");
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null && (ifNoneMatch.contains(page.etag()) || ifNoneMatch.strip().equals("*"))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(page.contentType());
		String encodings = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
		boolean gzip = encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip");
		byte[] body = gzip ? page.gzipped() : page.body();
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	/** Drops every page; pages being rendered while this runs are not stored. */
	void invalidate() {
		generation.incrementAndGet();
		pages.clear();
	}

	private static String key(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getServerName().toLowerCase(Locale.ROOT) + request.getRequestURI() + (query == null ? "" : "?" + query);
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		return out.toByteArray();
	}

	/** For tests and diagnostics. */
	int size() {
		return pages.size();
	}

}
