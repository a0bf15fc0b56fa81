package io.skyport.compute.nocloud;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.skyport.platform.web.ClientAddresses;

/**
 * Answers {@code /nocloud/{token}/meta-data | user-data | vendor-data | network-config} (GET, HEAD) and
 * {@code /nocloud/{token}/phone-home} (POST) itself, as a servlet filter ordered just before Spring Security: these
 * requests carry no session, no cookie and no credentials other than the token in the path, so security filters,
 * CSRF, sessions and the MVC dispatcher would only cost time. Nothing else under {@code /nocloud/} exists (404).
 * <p>
 * Per request: the source address's rate limit, the token's shape, its seed from {@link SeedCache} (a map lookup
 * when cached), the token's rate limit, then ready bytes. Skyport's own simulated guest ({@link SimulatedGuestPass})
 * skips the source address's limit. Unknown, malformed and revoked tokens get the same empty
 * 404; over a limit, 429 with {@code Retry-After}. Every access with a token that was ever issued is queued to the
 * {@link AccessLog}.
 */
@Component
class NoCloudEndpoint implements Filter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(NoCloudEndpoint.class);

	private static final String PREFIX = NoCloudSeeds.PATH;
	private static final String TEXT = "text/plain;charset=utf-8";

	/** The documents served, by the last path segment. */
	enum Document {
		META_DATA("meta-data"), USER_DATA("user-data"), VENDOR_DATA("vendor-data"), NETWORK_CONFIG("network-config"),
		PHONE_HOME("phone-home"), OTHER("other");

		final String path;

		Document(String path) {
			this.path = path;
		}

		static Document of(String path, int start) {
			for (Document document : values()) {
				if (document != OTHER && path.length() - start == document.path.length()
						&& path.startsWith(document.path, start)) {
					return document;
				}
			}
			return OTHER;
		}
	}

	private final SeedCache cache;
	private final NoCloudSeeds seeds;
	private final AccessLog accessLog;
	private final Clock clock;
	private final RateLimiter<SeedToken> perToken;
	private final RateLimiter<String> perAddress;
	private final ClientAddresses clientAddresses;
	private final SimulatedGuestPass simulatedGuest;
	private final DataSourceMetrics metrics;
	private final int order;

	NoCloudEndpoint(SeedCache cache, NoCloudSeeds seeds, AccessLog accessLog, Clock clock,
			DataSourceProperties properties, ClientAddresses clientAddresses, SimulatedGuestPass simulatedGuest,
			DataSourceMetrics metrics, @Value("${spring.security.filter.order:-100}") int securityOrder) {
		this.metrics = metrics;
		this.simulatedGuest = simulatedGuest;
		this.cache = cache;
		this.clientAddresses = clientAddresses;
		this.seeds = seeds;
		this.accessLog = accessLog;
		this.clock = clock;
		this.perToken = new RateLimiter<>(properties.rateLimit().perToken());
		this.perAddress = new RateLimiter<>(properties.rateLimit().perAddress());
		this.order = securityOrder - 1;
	}

	@Override
	public int getOrder() {
		return order;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		String path = request.getRequestURI();
		int contextLength = request.getContextPath().length();
		if (!path.startsWith(PREFIX, contextLength)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		int tokenStart = contextLength + PREFIX.length();
		int status;
		try {
			status = serve(request, response, path, tokenStart);
		}
		catch (DataAccessException ex) {
			log.warn("The NoCloud data source cannot reach the database: {}", ex.getMessage());
			response.setHeader("Retry-After", "5");
			status = empty(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
		metrics.answered(documentOf(path, tokenStart), status);
	}

	/** The document a path asks for ({@code OTHER} when it names none, or has no token segment). */
	private static Document documentOf(String path, int tokenStart) {
		int tokenEnd = path.indexOf('/', tokenStart);
		return tokenEnd < 0 ? Document.OTHER : Document.of(path, tokenEnd + 1);
	}

	/** Answers the request: the status sent. */
	private int serve(HttpServletRequest request, HttpServletResponse response, String path, int tokenStart)
			throws IOException {
		int tokenEnd = path.indexOf('/', tokenStart);
		if (tokenEnd < 0 || !SeedToken.isWellFormed(path, tokenStart, tokenEnd)) {
			return empty(response, HttpServletResponse.SC_NOT_FOUND);
		}
		String token = path.substring(tokenStart, tokenEnd);
		Document document = Document.of(path, tokenEnd + 1);
		SeedToken hash = SeedToken.hashOf(token);
		String address = clientAddresses.resolve(request);
		long now = clock.millis();

		long wait = simulatedGuest.matches(request.getHeader(SimulatedGuestPass.HEADER)) ? 0
				: perAddress.acquire(address, now * 1000);
		if (wait > 0) {
			SeedCache.CachedSeed known = cache.peek(hash);
			tooMany(response, wait);
			if (known != null) {
				audit(known, now, address, request, document, 429);
			}
			return 429;
		}
		SeedCache.CachedSeed seed = cache.get(hash, token, now);
		if (seed == null) {
			return empty(response, HttpServletResponse.SC_NOT_FOUND);
		}
		if (seed.revoked()) {
			empty(response, HttpServletResponse.SC_NOT_FOUND);
			audit(seed, now, address, request, document, 404);
			return HttpServletResponse.SC_NOT_FOUND;
		}
		wait = perToken.acquire(hash, now * 1000);
		if (wait > 0) {
			tooMany(response, wait);
			audit(seed, now, address, request, document, 429);
			return 429;
		}
		int status = respond(request, response, document, seed, hash, address);
		audit(seed, now, address, request, document, status);
		return status;
	}

	private int respond(HttpServletRequest request, HttpServletResponse response, Document document,
			SeedCache.CachedSeed seed, SeedToken hash, String address) throws IOException {
		String method = request.getMethod();
		if (document == Document.OTHER) {
			return empty(response, HttpServletResponse.SC_NOT_FOUND);
		}
		if (document == Document.PHONE_HOME) {
			if (!method.equals("POST")) {
				response.setHeader("Allow", "POST");
				return empty(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			}
			// The form cloud-init posts (instance_id, hostname) is accepted as it is; the token says who phoned, and
			// the source address may be the guest's own (where its host hands out no leases).
			return empty(response, seeds.phoneHome(hash, address) ? HttpServletResponse.SC_OK : HttpServletResponse.SC_NOT_FOUND);
		}
		boolean head = method.equals("HEAD");
		if (!head && !method.equals("GET")) {
			response.setHeader("Allow", "GET, HEAD");
			return empty(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
		}
		byte[] body = switch (document) {
			case META_DATA -> seed.metaData();
			case USER_DATA -> seed.userData();
			case VENDOR_DATA -> SeedDocuments.VENDOR_DATA;
			default -> SeedDocuments.NETWORK_CONFIG;
		};
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(TEXT);
		response.setContentLength(body.length);
		if (!head && body.length > 0) {
			response.getOutputStream().write(body);
		}
		return HttpServletResponse.SC_OK;
	}

	private void audit(SeedCache.CachedSeed seed, long now, String address, HttpServletRequest request,
			Document document, int status) {
		accessLog.record(seed.instanceId(), now, address, request.getHeader("User-Agent"), document.path, status);
	}

	private static void tooMany(HttpServletResponse response, long waitMicros) throws IOException {
		response.setHeader("Retry-After", Long.toString(Math.max(1, (waitMicros + 999_999) / 1_000_000)));
		empty(response, 429);
	}

	private static int empty(HttpServletResponse response, int status) throws IOException {
		response.setStatus(status);
		response.setContentLength(0);
		return status;
	}

	/** Forgets rate-limit buckets that are full again, so idle addresses and tokens take no memory. */
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void forgetIdleBuckets() {
		long now = clock.millis() * 1000;
		perToken.forgetIdle(now);
		perAddress.forgetIdle(now);
	}
}
