package io.skyport.compute.guest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What cloud-init (22.4, the NoCloud network data source and {@code cc_phone_home}) does over HTTP at a guest's first
 * boot, done from Skyport: GET {@code meta-data}, {@code user-data} and {@code vendor-data} under the seed URL, then —
 * if the user-data is {@code #cloud-config} with a {@code phone_home} URL — a form-encoded POST of the keys its
 * {@code post} list names ({@code all}: every key cloud-init knows), {@code $INSTANCE_ID} in the URL replaced.
 * {@code instance_id} and {@code hostname}/{@code fqdn} come from the meta-data; the SSH host keys a real guest would
 * post do not exist here and are sent as {@code N/A}, as cloud-init sends keys it cannot read.
 * <p>
 * Requests that fail (connection refused, a timeout, 429 or 5xx) are retried with exponential backoff (honouring
 * {@code Retry-After}) until the deadline; any other answer is final. The pass header (see
 * {@code SimulatedGuestPass}) goes only to loopback addresses.
 */
final class SimulatedCloudInit {

	static final String USER_AGENT = "Cloud-Init/22.4 (Skyport simulated guest)";

	/** {@code POST_LIST_ALL} of cc_phone_home. */
	static final List<String> ALL_KEYS = List.of("pub_key_dsa", "pub_key_rsa", "pub_key_ecdsa", "pub_key_ed25519",
			"instance_id", "hostname", "fqdn");

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);
	private static final int MAX_DOCUMENT = 1 << 20;

	/** How a simulation ended. */
	enum Outcome {
		/** The guest phoned home and the data source accepted it. */
		PHONED_HOME,
		/** The user-data names no phone-home: the documents were read, nothing posted. */
		NO_PHONE_HOME,
		/** A request failed for good or the deadline passed. */
		FAILED
	}

	record Result(Outcome outcome, String detail) {
	}

	private final HttpClient http;
	private final Duration requestTimeout;
	private final @Nullable String passHeader;
	private final @Nullable String passValue;

	SimulatedCloudInit(HttpClient http, Duration requestTimeout, @Nullable String passHeader,
			@Nullable String passValue) {
		this.http = http;
		this.requestTimeout = requestTimeout;
		this.passHeader = passHeader;
		this.passValue = passValue;
	}

	/** Boots a guest whose seed is at {@code seedUrl} (ending in {@code /}), giving up at {@code deadlineNanos}. */
	Result boot(String seedUrl, long deadlineNanos) throws InterruptedException {
		Fetched metaData = get(seedUrl + "meta-data", deadlineNanos);
		if (metaData.status() != 200) {
			return failed("meta-data", metaData);
		}
		Fetched userData = get(seedUrl + "user-data", deadlineNanos);
		if (userData.status() != 200) {
			return failed("user-data", userData);
		}
		Fetched vendorData = get(seedUrl + "vendor-data", deadlineNanos);
		if (vendorData.status() != 200 && vendorData.status() != 404) {
			return failed("vendor-data", vendorData);
		}
		Map<String, Object> meta = yaml(metaData.body());
		String instanceId = text(meta.get("instance-id"));
		String hostname = text(meta.get("local-hostname"));
		Optional<PhoneHome> phoneHome = phoneHome(userData.body());
		if (phoneHome.isEmpty()) {
			return new Result(Outcome.NO_PHONE_HOME, "The user-data asks for no phone-home.");
		}
		Map<String, String> form = new LinkedHashMap<>();
		Map<String, String> known = Map.of("instance_id", instanceId == null ? "N/A" : instanceId, "hostname",
				hostname == null ? "N/A" : hostname, "fqdn", hostname == null ? "N/A" : hostname);
		for (String key : phoneHome.get().post()) {
			form.put(key, known.getOrDefault(key, "N/A"));
		}
		String url = phoneHome.get().url().replace("$INSTANCE_ID", instanceId == null ? "" : instanceId)
			.replace("${INSTANCE_ID}", instanceId == null ? "" : instanceId);
		Fetched posted = send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formEncoded(form))), deadlineNanos);
		if (posted.status() / 100 != 2) {
			return failed("phone-home", posted);
		}
		return new Result(Outcome.PHONED_HOME, "Phoned home to " + redacted(url) + ".");
	}

	private Fetched get(String url, long deadlineNanos) throws InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), deadlineNanos);
	}

	/** One request, retried while it fails transiently and the deadline allows. */
	private Fetched send(HttpRequest.Builder builder, long deadlineNanos) throws InterruptedException {
		builder.header("User-Agent", USER_AGENT).timeout(requestTimeout);
		HttpRequest probe = builder.copy().build();
		if (passHeader != null && passValue != null && loopback(probe.uri())) {
			builder.header(passHeader, passValue);
		}
		HttpRequest request = builder.build();
		Duration backoff = FIRST_BACKOFF;
		while (true) {
			Fetched fetched;
			Duration wait = backoff;
			try {
				HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
				fetched = new Fetched(response.statusCode(), response.body().length > MAX_DOCUMENT ? new byte[0]
						: response.body(), null);
				if (response.statusCode() != 429 && response.statusCode() < 500) {
					return fetched;
				}
				Optional<String> retryAfter = response.headers().firstValue("Retry-After");
				if (retryAfter.isPresent() && retryAfter.get().matches("[0-9]{1,4}")) {
					wait = Duration.ofSeconds(Long.parseLong(retryAfter.get()));
				}
			}
			catch (IOException ex) {
				fetched = new Fetched(0, new byte[0], ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			long left = deadlineNanos - System.nanoTime();
			if (left <= wait.toNanos()) {
				return fetched;
			}
			Thread.sleep(wait);
			backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
		}
	}

	/** The pass is for this server only: never sent anywhere but the loopback address. */
	static boolean loopback(URI uri) {
		String host = uri.getHost();
		return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
	}

	/** The phone-home of a {@code #cloud-config} user-data: its URL and the keys to post. */
	record PhoneHome(String url, List<String> post) {
	}

	static Optional<PhoneHome> phoneHome(byte[] userData) {
		String text = new String(userData, StandardCharsets.UTF_8);
		if (!text.startsWith("#cloud-config")) {
			return Optional.empty();
		}
		if (!(yaml(userData).get("phone_home") instanceof Map<?, ?> config) || !(config.get("url") instanceof String url)
				|| url.isBlank()) {
			return Optional.empty();
		}
		Object post = config.get("post");
		List<String> keys = post == null || "all".equals(post) ? ALL_KEYS
				: post instanceof List<?> list ? list.stream().map(String::valueOf).toList() : ALL_KEYS;
		return Optional.of(new PhoneHome(url, keys));
	}

	private static Map<String, Object> yaml(byte[] document) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		options.setCodePointLimit(MAX_DOCUMENT);
		try {
			Object loaded = new Yaml(new SafeConstructor(options)).load(new String(document, StandardCharsets.UTF_8));
			if (loaded instanceof Map<?, ?> map) {
				Map<String, Object> result = new LinkedHashMap<>();
				map.forEach((key, value) -> result.put(String.valueOf(key), value));
				return result;
			}
			return Map.of();
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : String.valueOf(value);
	}

	private static String formEncoded(Map<String, String> form) {
		return form.entrySet().stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Result failed(String document, Fetched fetched) {
		return new Result(Outcome.FAILED, fetched.error() != null
				? "Could not fetch " + document + ": " + redacted(fetched.error()) + "."
				: document + " answered " + fetched.status() + ".");
	}

	/** The seed token is a secret: it never reaches a log. */
	static String redacted(String url) {
		return url.replaceAll("/nocloud/[^/]+/", "/nocloud/REDACTED/");
	}

	private record Fetched(int status, byte[] body, @Nullable String error) {
	}
}
