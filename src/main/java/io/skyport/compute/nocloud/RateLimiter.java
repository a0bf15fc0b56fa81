package io.skyport.compute.nocloud;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets of {@code limit} requests per minute per key, kept in memory (per server), lock-free: the generic
 * cell rate algorithm keeps one number per key, the time at which its bucket will be full again ("theoretical
 * arrival time"). A full bucket allows a burst of {@code limit} requests; then one request per
 * {@code 60 s / limit}. Keys whose bucket is full again are dropped by {@link #forgetIdle}.
 */
final class RateLimiter<K> {

	private static final long MINUTE_MICROS = 60_000_000L;

	private final long intervalMicros;
	private final long burstMicros;
	private final Map<K, AtomicLong> buckets = new ConcurrentHashMap<>();

	/** @param perMinute at least 1. */
	RateLimiter(int perMinute) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("A rate limit needs at least one request per minute, got " + perMinute);
		}
		this.intervalMicros = Math.max(1, MINUTE_MICROS / perMinute);
		this.burstMicros = intervalMicros * (perMinute - 1L);
	}

	/**
	 * Takes one request from the key's bucket.
	 *
	 * @return 0 if allowed, otherwise how many microseconds until the next request would be.
	 */
	long acquire(K key, long nowMicros) {
		AtomicLong arrival = buckets.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
		while (true) {
			long previous = arrival.get();
			long base = Math.max(previous, nowMicros);
			if (base - nowMicros > burstMicros) {
				return base - nowMicros - burstMicros;
			}
			if (arrival.compareAndSet(previous, base + intervalMicros)) {
				return 0;
			}
		}
	}

	/** Drops the keys whose bucket is full again: they behave exactly like keys never seen. */
	void forgetIdle(long nowMicros) {
		buckets.values().removeIf(arrival -> arrival.get() <= nowMicros);
	}

	int size() {
		return buckets.size();
	}
}
