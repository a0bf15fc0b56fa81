package io.skyport.compute.nocloud;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the NoCloud data source ({@code skyport.compute.datasource.*}).
 *
 * @param rateLimit requests per minute allowed per token and per source address.
 * @param cacheTtl how long a server serves a seed from memory before reading it again: the bound on how long a
 * token revoked on another server still answers here (on this server a revocation takes effect at once).
 * @param cacheMaxEntries seeds kept in memory; beyond it, expired ones are dropped first, then all.
 * @param audit the access audit writer.
 */
@ConfigurationProperties("skyport.compute.datasource")
record DataSourceProperties(@DefaultValue RateLimit rateLimit, @DefaultValue("10s") Duration cacheTtl,
		@DefaultValue("100000") int cacheMaxEntries, @DefaultValue Audit audit) {

	/**
	 * @param perToken requests per minute per seed token (cloud-init makes 3–5 per boot, plus retries).
	 * @param perAddress requests per minute per source address, whatever the token (hosts behind NAT share one).
	 */
	record RateLimit(@DefaultValue("60") int perToken, @DefaultValue("600") int perAddress) {
	}

	/**
	 * @param queueCapacity accesses waiting to be recorded; beyond it they are dropped and counted.
	 * @param batchSize rows (identical accesses of a batch share one) after which a batch is written early.
	 * @param flushInterval the longest an access waits to be written.
	 */
	record Audit(@DefaultValue("50000") int queueCapacity, @DefaultValue("5000") int batchSize,
			@DefaultValue("200ms") Duration flushInterval) {
	}
}
