package io.skyport.marketplace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * (with a gzip copy, a strong ETag and its Last-Modified time) until the catalog or a storefront changes on this
 * server, or for at most {@code skyport.marketplace.page-cache.ttl} — the bound on staleness for changes made on
 * other servers. Conditional requests get 304. Signed-in visitors are never served from, or stored in, the cache.
 * <p>
 * This filter runs after Spring Security and renders and stores pages (a {@code MISS}). Once the response of a
 * stored page has left the whole filter chain, {@link StorefrontCacheHits} records the headers the chain added
 * (the security headers among them) and from then on serves the page before Spring Security, with those same
 * headers: a {@code HIT} costs no security filters.
 * <p>
 * When a page is older than the TTL, one request renders it again while the others still get the old copy
 * ({@code STALE}), so an expiry under load does not make every concurrent visitor wait for a render. A page dropped
 * because the catalog changed here is never served again.
 */
@Component
class StorefrontPageCache extends OncePerRequestFilter {

	static final String HEADER = "X-Skyport-Cache";

	/** Request attribute: what {@link #decide} chose for this request, so both filters act on one decision. */
	private static final String DECISION = StorefrontPageCache.class.getName() + ".decision";

	/** Request attribute: the page this request stored, whose headers {@link StorefrontCacheHits} records. */
	private static final String STORED = StorefrontPageCache.class.getName() + ".stored";

	/** Headers the cache sets itself, or that describe one response only: never recorded with a page. */
	private static final Set<String> OWN_HEADERS = Set.of(HEADER.toLowerCase(Locale.ROOT), "etag", "cache-control",
			"vary", "last-modified", "expires", "pragma", "content-type", "content-length", "content-encoding",
			"transfer-encoding", "date", "connection", "keep-alive", "set-cookie");

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

	/** A rendered page as sent, and the headers the rest of the filter chain added to it once they are known. */
	static final class Page {

		final byte[] body;
		final byte[] gzipped;
		final String contentType;
		final String etag;
		final Instant storedAt;
		final Instant lastModified;
		private final AtomicBoolean refreshing = new AtomicBoolean();
		private volatile @Nullable List<String[]> headers;

		Page(byte[] body, byte[] gzipped, String contentType, String etag, Instant storedAt, Instant lastModified) {
			this.body = body;
			this.gzipped = gzipped;
			this.contentType = contentType;
			this.etag = etag;
			this.storedAt = storedAt;
			this.lastModified = lastModified;
		}

		@Nullable List<String[]> headers() {
			return headers;
		}
	}

	/** Either a page to send as it is ({@code HIT} or {@code STALE}), or a render (refreshing a stale page or not). */
	record Decision(@Nullable Page page, String outcome, @Nullable Page refreshing) {

		static final Decision RENDER = new Decision(null, "MISS", null);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !applies(request);
	}

	/** Whether the request is one whose page may come from, or go to, the cache. */
	boolean applies(HttpServletRequest request) {
		if (!enabled || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
			return false;
		}
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getRequestedSessionId() != null
				|| request.getSession(false) != null) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/") || path.equals("/products") || path.startsWith("/products/") || path.equals("/compare")
				|| path.startsWith("/m/");
	}

	/**
	 * Whether this request gets a page from memory or renders it; decided once per request. A page past its TTL is
	 * rendered again by the first request that notices, and sent as it is to the others meanwhile.
	 */
	Decision decide(HttpServletRequest request) {
		if (request.getAttribute(DECISION) instanceof Decision decided) {
			return decided;
		}
		Decision decision = Decision.RENDER;
		Page page = pages.get(key(request));
		if (page != null) {
			if (page.storedAt.plus(ttl).isAfter(clock.instant())) {
				decision = new Decision(page, "HIT", null);
			}
			else if (page.refreshing.compareAndSet(false, true)) {
				decision = new Decision(null, "MISS", page);
			}
			else {
				decision = new Decision(page, "STALE", null);
			}
		}
		request.setAttribute(DECISION, decision);
		return decision;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Decision decision = decide(request);
		if (decision.page() != null) {
			send(decision.page(), request, response, decision.outcome(), false);
			return;
		}
		String key = key(request);
		Page stale = decision.refreshing();
		boolean stored = false;
		try {
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
			Instant now = clock.instant();
			String etag = etag(body);
			// An unchanged page keeps its Last-Modified time, so If-Modified-Since still matches after a refresh.
			Page fresh = new Page(body, gzip(body), contentType, etag, now,
					stale != null && stale.etag.equals(etag) ? stale.lastModified : now.truncatedTo(ChronoUnit.SECONDS));
			if (generation.get() == generationBefore) {
				if (pages.size() >= maxEntries) {
					pages.clear();
				}
				pages.put(key, fresh);
				request.setAttribute(STORED, fresh);
				stored = true;
			}
			wrapper.resetBuffer();
			send(fresh, request, wrapper, "MISS", false);
			wrapper.copyBodyToResponse();
		}
		finally {
			if (stale != null && !stored) {
				// The refresh failed or gave no page to keep (an error, a product gone): stop sending the old one.
				pages.remove(key, stale);
			}
		}
	}

	/**
	 * Called by {@link StorefrontCacheHits} once the response of a request has left the whole filter chain (or the
	 * chain failed). If the request stored a page, records the headers the chain added to it, or drops the page if
	 * the chain failed or made the response unfit for sharing after all (a session or cookie, an error). A stale
	 * page whose refresh this request claimed but did not store is dropped too, so no claim is left behind.
	 */
	void completed(HttpServletRequest request, HttpServletResponse response, boolean succeeded) {
		Page page = request.getAttribute(STORED) instanceof Page stored ? stored : null;
		if (page == null) {
			if (request.getAttribute(DECISION) instanceof Decision decision && decision.refreshing() != null) {
				pages.remove(key(request), decision.refreshing());
			}
			return;
		}
		int status = response.getStatus();
		if (!succeeded || (status != HttpServletResponse.SC_OK && status != HttpServletResponse.SC_NOT_MODIFIED)
				|| request.getSession(false) != null || response.containsHeader(HttpHeaders.SET_COOKIE)) {
			pages.remove(key(request), page);
			return;
		}
		List<String[]> headers = new ArrayList<>();
		for (String name : new LinkedHashSet<>(response.getHeaderNames())) {
			if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				response.getHeaders(name).forEach(value -> headers.add(new String[] { name, value }));
			}
		}
		page.headers = List.copyOf(headers);
	}

	/**
	 * Sends a page with the cache's headers; with {@code replayHeaders}, also with the headers the filter chain added
	 * when the page was rendered (for pages sent before that chain runs).
	 */
	void send(Page page, HttpServletRequest request, HttpServletResponse response, String outcome, boolean replayHeaders)
			throws IOException {
		List<String[]> recorded = page.headers();
		if (replayHeaders && recorded != null) {
			Set<String> seen = new HashSet<>();
			for (String[] header : recorded) {
				if (seen.add(header[0])) {
					response.setHeader(header[0], header[1]);
				}
				else {
					response.addHeader(header[0], header[1]);
				}
			}
		}
		response.setHeader(HEADER, outcome);
		response.setHeader(HttpHeaders.ETAG, page.etag);
		response.setDateHeader(HttpHeaders.LAST_MODIFIED, page.lastModified.toEpochMilli());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=0, must-revalidate");
		response.setHeader(HttpHeaders.VARY, "Accept-Encoding");
		if (notModified(page, request)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(page.contentType);
		String encodings = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
		boolean gzip = encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip");
		byte[] body = gzip ? page.gzipped : page.body;
		if (gzip) {
			response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	/** RFC 9110 section 13.2.2: If-None-Match decides when present, If-Modified-Since otherwise. */
	private static boolean notModified(Page page, HttpServletRequest request) {
		String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
		if (ifNoneMatch != null) {
			return ifNoneMatch.contains(page.etag) || ifNoneMatch.strip().equals("*");
		}
		try {
			long ifModifiedSince = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
			return ifModifiedSince >= 0 && page.lastModified.toEpochMilli() <= ifModifiedSince;
		}
		catch (IllegalArgumentException ex) {
			return false; // not a date: ignored, as the RFC asks
		}
	}

	/** Drops every page; pages being rendered while this runs are not stored. */
	void invalidate() {
		generation.incrementAndGet();
		pages.clear();
	}

	private static String key(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getScheme() + "://" + request.getServerName().toLowerCase(Locale.ROOT) + request.getRequestURI()
				+ (query == null ? "" : "?" + query);
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
