package io.skyport.compute.nocloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.InstanceConfigFetched;
import io.skyport.compute.InstanceId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;

/**
 * Issues and revokes the NoCloud seeds guests read their configuration from. A seed URL carries a fresh random
 * token; only its SHA-256 is stored, with the seed data. An instance has at most one live token: issuing again
 * revokes the previous one. Unknown and revoked tokens answer 404. See {@code docs/nocloud.md}.
 */
@Service
public class NoCloudSeeds {

	static final String PATH = "/nocloud/";
	static final int MAX_KEYS = 100;
	static final int MAX_KEY_LENGTH = 16 * 1024;

	private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
	/** Unreserved and a few sub-delimiters: no space, ';' (ends the serial's value), '%' (cloud-init formats with it). */
	private static final Pattern URL_CHARACTERS = Pattern.compile("[A-Za-z0-9._~:/\\[\\]@!$&'()*+,=-]+");

	private final SeedStore store;
	private final SeedCache cache;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	NoCloudSeeds(SeedStore store, SeedCache cache, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.cache = cache;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Issues a seed for the instance, revoking the one it had.
	 *
	 * @throws InvalidInputException if the hostname, a key, the data disk, the vendor configuration or the base URL
	 * is not acceptable (each violation names the {@link SeedRequest} field).
	 * @throws ConflictException if a seed for the same instance is being issued concurrently.
	 */
	@Transactional
	public IssuedSeed issue(SeedRequest request) {
		String baseUrl = validate(request);
		Instant now = clock.instant();
		store.revoke(request.instanceId().id(), now);
		String token = SeedToken.generate(random);
		try {
			store.insert(SeedToken.hashOf(token), request, baseUrl, now);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("A seed for instance " + request.instanceId() + " is being issued at the same "
					+ "time; try again.");
		}
		dropFromCacheAfterCommit(request.instanceId().id());
		String seedUrl = seedUrl(baseUrl, token);
		return new IssuedSeed(seedUrl, "ds=nocloud-net;s=" + seedUrl);
	}

	/**
	 * Replaces what the instance's live seed serves, keeping its token (the machine's definition carries it), e.g. to
	 * add the product's configuration and the data disk to a seed issued with the hostname and keys only.
	 *
	 * @return whether the instance has a live seed (nothing is written otherwise).
	 * @throws InvalidInputException as {@link #issue} does.
	 */
	@Transactional
	public boolean rewrite(SeedRequest request) {
		String baseUrl = validate(request);
		boolean live = store.rewrite(request, baseUrl) == 1;
		dropFromCacheAfterCommit(request.instanceId().id());
		return live;
	}

	/** Revokes the instance's token, if it has one: its URLs answer 404 from then on. Idempotent. */
	@Transactional
	public void revoke(InstanceId instanceId) {
		store.revoke(instanceId.id(), clock.instant());
		dropFromCacheAfterCommit(instanceId.id());
	}

	/**
	 * Records a phone-home of a live token; the first one marks the seed configured and publishes
	 * {@link GuestPhonedHome} (in this transaction, so the event is recorded with the change). Its listener records
	 * the guest's addresses, then publishes {@link InstanceConfigFetched}: whoever hears that the guest is configured
	 * finds its addresses recorded.
	 *
	 * @param sourceAddress the request's client address.
	 * @return whether the token is live.
	 */
	@Transactional
	boolean phoneHome(SeedToken token, String sourceAddress) {
		Instant now = clock.instant();
		return store.phoneHome(token, now).map(phoneHome -> {
			if (phoneHome.first()) {
				events.publishEvent(new GuestPhonedHome(new InstanceId(phoneHome.instanceId()), sourceAddress, now));
			}
			return true;
		}).orElse(false);
	}

	static String seedUrl(String baseUrl, String token) {
		return baseUrl + PATH + token + "/";
	}

	private void dropFromCacheAfterCommit(UUID instanceId) {
		cache.invalidate(instanceId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					cache.invalidate(instanceId);
				}
			});
		}
	}

	/** @return the base URL without trailing slashes. */
	private static String validate(SeedRequest request) {
		List<Violation> violations = new ArrayList<>();
		if (!HOSTNAME.matcher(request.hostname()).matches()) {
			violations.add(new Violation("hostname", "The hostname must be 1 to 63 letters, digits and hyphens, "
					+ "not starting or ending with a hyphen (got '" + request.hostname() + "')."));
		}
		if (request.sshAuthorizedKeys().size() > MAX_KEYS) {
			violations.add(new Violation("sshAuthorizedKeys", "At most " + MAX_KEYS + " SSH keys per instance."));
		}
		for (String key : request.sshAuthorizedKeys()) {
			if (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
				violations.add(new Violation("sshAuthorizedKeys", "Each SSH key must be one non-empty line of at most "
						+ MAX_KEY_LENGTH + " characters."));
				break;
			}
		}
		if (request.dataDiskGib() != null && request.dataDiskGib() < 1) {
			violations.add(new Violation("dataDiskGib", "The data disk must be at least 1 GiB (or none)."));
		}
		if (request.dataDiskGib() != null && request.dataDiskMountPoint() != null
				&& !DataDiskMountPoints.isValid(request.dataDiskMountPoint())) {
			DataDiskMountPoints.normalise("dataDiskMountPoint", request.dataDiskMountPoint(), violations);
			if (violations.stream().noneMatch(v -> v.field().equals("dataDiskMountPoint"))) {
				violations.add(new Violation("dataDiskMountPoint", "The data disk's mount point must be written "
						+ "without surrounding spaces or a trailing / (got '" + request.dataDiskMountPoint() + "')."));
			}
		}
		if (request.vendorCloudConfig() != null && !request.vendorCloudConfig().isBlank()) {
			try {
				CloudConfig.vendorEntries(request.vendorCloudConfig());
			}
			catch (CloudConfig.Problem ex) {
				violations.add(new Violation("vendorCloudConfig", ex.getMessage()));
			}
		}
		String baseUrl = baseUrl(request.baseUrl(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return baseUrl;
	}

	private static String baseUrl(String value, List<Violation> violations) {
		String url = value.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		String problem = null;
		if (!URL_CHARACTERS.matcher(url).matches()) {
			problem = "may contain no spaces, ';', '%' or other characters cloud-init would misread";
		}
		else {
			try {
				URI uri = new URI(url);
				String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
				if (!scheme.equals("http") && !scheme.equals("https")) {
					problem = "must start with http:// or https://";
				}
				else if (uri.getHost() == null || uri.getHost().isEmpty()) {
					problem = "needs a host, e.g. http://10.0.2.2:8080";
				}
				else if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
					problem = "may have no user, query or fragment";
				}
				else if (url.length() > 400) {
					problem = "may be at most 400 characters long";
				}
			}
			catch (URISyntaxException ex) {
				problem = "is not a URL";
			}
		}
		if (problem != null) {
			violations.add(new Violation("baseUrl", "The data-source base URL " + problem + " (got '" + value + "')."));
		}
		return url;
	}
}
