package io.skyport.compute.nocloud;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seeds in memory, keyed by token hash, with their documents rendered once: serving meta-data or user-data is a
 * map lookup and a write of ready bytes. An entry is read from the database on a miss and again after
 * {@code skyport.compute.datasource.cache-ttl}, which bounds how long a token revoked on another server is still
 * served here; a revocation on this server drops the instance's entries at once, and a load that raced with it is
 * not kept. Unknown tokens are not cached (the per-address rate limit bounds those lookups).
 */
@Component
class SeedCache {

	private static final Logger log = LoggerFactory.getLogger(SeedCache.class);

	private final SeedStore store;
	private final long ttlMillis;
	private final int maxEntries;
	private final Map<SeedToken, CachedSeed> seeds = new ConcurrentHashMap<>();
	private final AtomicLong generation = new AtomicLong();

	SeedCache(SeedStore store, DataSourceProperties properties) {
		this.store = store;
		this.ttlMillis = properties.cacheTtl().toMillis();
		this.maxEntries = properties.cacheMaxEntries();
	}

	/** A seed as served; a revoked one has no documents. */
	record CachedSeed(UUID instanceId, boolean revoked, byte[] metaData, byte[] userData, long expiresAtMillis) {
	}

	/**
	 * The seed of a token, from memory or the database.
	 *
	 * @param token the token as the guest sent it (the phone-home URL in the user-data contains it).
	 * @return {@literal null} if no seed was ever issued with this token.
	 */
	@Nullable CachedSeed get(SeedToken hash, String token, long nowMillis) {
		CachedSeed cached = seeds.get(hash);
		if (cached != null && cached.expiresAtMillis() > nowMillis) {
			return cached;
		}
		long generationBefore = generation.get();
		CachedSeed loaded = store.find(hash).map(row -> render(row, token, nowMillis)).orElse(null);
		if (loaded == null) {
			seeds.remove(hash);
			return null;
		}
		if (generation.get() == generationBefore) {
			if (seeds.size() >= maxEntries) {
				seeds.values().removeIf(seed -> seed.expiresAtMillis() <= nowMillis);
				if (seeds.size() >= maxEntries) {
					seeds.clear();
				}
			}
			seeds.put(hash, loaded);
		}
		return loaded;
	}

	/** The seed of a token if it is in memory, expired or not; never reads the database. */
	@Nullable CachedSeed peek(SeedToken hash) {
		return seeds.get(hash);
	}

	/** Drops the instance's seeds; loads running meanwhile are not kept. */
	void invalidate(UUID instanceId) {
		generation.incrementAndGet();
		seeds.values().removeIf(seed -> seed.instanceId().equals(instanceId));
	}

	int size() {
		return seeds.size();
	}

	private CachedSeed render(SeedStore.SeedRow row, String token, long nowMillis) {
		long expiresAt = nowMillis + ttlMillis;
		UUID instanceId = row.data().instanceId();
		if (row.revoked()) {
			return new CachedSeed(instanceId, true, new byte[0], new byte[0], expiresAt);
		}
		byte[] userData;
		try {
			userData = SeedDocuments.userData(row.data(), NoCloudSeeds.seedUrl(row.baseUrl(), token) + "phone-home");
		}
		catch (CloudConfig.Problem ex) {
			// Checked when the seed was issued; only a change of the rules since then can get here.
			log.warn("The vendor configuration of instance {} is no longer accepted ({}); serving user-data without it",
					instanceId, ex.getMessage());
			userData = SeedDocuments.userData(new SeedDocuments.SeedData(instanceId, row.data().hostname(),
					row.data().sshAuthorizedKeys(), row.data().dataDiskGib(), row.data().dataDiskMountPoint(), null),
					NoCloudSeeds.seedUrl(row.baseUrl(), token) + "phone-home");
		}
		return new CachedSeed(instanceId, false, SeedDocuments.metaData(row.data()), userData, expiresAt);
	}
}
