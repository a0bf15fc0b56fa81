package io.skyport.platform.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL server started when {@code spring.datasource.url} is not set.
 *
 * @param dataDir where the cluster lives; kept across restarts.
 * @param database the database Skyport uses inside the cluster (created on first start).
 * @param port the TCP port on localhost; 0 picks a free one.
 * @param startupTimeout how long to wait for the server to accept connections.
 * @param orphanStopTimeout how long to wait for a postmaster left behind by a killed Skyport to stop.
 */
@ConfigurationProperties("skyport.embedded-postgres")
record EmbeddedPostgresProperties(
		@DefaultValue("var/postgres") Path dataDir,
		@DefaultValue("skyport") String database,
		@DefaultValue("0") int port,
		@DefaultValue("60s") Duration startupTimeout,
		@DefaultValue("30s") Duration orphanStopTimeout) {
}
