package io.skyport.compute.nocloud;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code compute_nocloud_seeds} table: one row per token ever issued, keyed by the token's SHA-256.
 */
@Component
class SeedStore {

	private final JdbcClient jdbc;

	SeedStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored seed; {@code revoked} seeds answer 404 but their accesses are still recorded for the instance. */
	record SeedRow(UUID organisationId, SeedDocuments.SeedData data, String baseUrl, boolean revoked) {
	}

	/** A phone-home as recorded: the instance, and whether it was the first for this token. */
	record PhoneHome(UUID instanceId, boolean first) {
	}

	void insert(SeedToken token, SeedRequest request, String baseUrl, Instant now) {
		jdbc.sql("""
				insert into compute_nocloud_seeds (token_hash, instance_id, organisation_id, hostname, ssh_authorized_keys,
				    data_disk_gib, data_disk_mount_point, vendor_config, base_url, issued_at)
				values (:hash, :instance, :organisation, :hostname, :keys, :dataDisk, :mountPoint, :vendor, :baseUrl, :now)""")
			.param("hash", token.hash())
			.param("instance", request.instanceId().id())
			.param("organisation", request.ownerId().id())
			.param("hostname", request.hostname())
			.param("keys", request.sshAuthorizedKeys().toArray(String[]::new))
			.param("dataDisk", request.dataDiskGib())
			.param("mountPoint", mountPoint(request))
			.param("vendor", request.vendorCloudConfig())
			.param("baseUrl", baseUrl)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Replaces the content of the instance's live seed, keeping its token. @return 0 or 1 rows. */
	int rewrite(SeedRequest request, String baseUrl) {
		return jdbc.sql("""
				update compute_nocloud_seeds set hostname = :hostname, ssh_authorized_keys = :keys,
				    data_disk_gib = :dataDisk, data_disk_mount_point = :mountPoint, vendor_config = :vendor, base_url = :baseUrl
				where instance_id = :instance and revoked_at is null""")
			.param("instance", request.instanceId().id())
			.param("hostname", request.hostname())
			.param("keys", request.sshAuthorizedKeys().toArray(String[]::new))
			.param("dataDisk", request.dataDiskGib())
			.param("mountPoint", mountPoint(request))
			.param("vendor", request.vendorCloudConfig())
			.param("baseUrl", baseUrl)
			.update();
	}

	/** @return how many live tokens of the instance were revoked (0 or 1). */
	int revoke(UUID instanceId, Instant now) {
		return jdbc.sql("update compute_nocloud_seeds set revoked_at = :now where instance_id = :instance and revoked_at is null")
			.param("now", Timestamp.from(now))
			.param("instance", instanceId)
			.update();
	}

	Optional<SeedRow> find(SeedToken token) {
		return jdbc.sql("""
				select instance_id, organisation_id, hostname, ssh_authorized_keys, data_disk_gib, data_disk_mount_point,
				       vendor_config, base_url,
				       revoked_at is not null as revoked
				from compute_nocloud_seeds where token_hash = :hash""")
			.param("hash", token.hash())
			.query((rs, row) -> new SeedRow(rs.getObject("organisation_id", UUID.class),
					new SeedDocuments.SeedData(rs.getObject("instance_id", UUID.class), rs.getString("hostname"),
							strings(rs.getArray("ssh_authorized_keys")), integer(rs, "data_disk_gib"),
							rs.getString("data_disk_mount_point"),
							rs.getString("vendor_config")),
					rs.getString("base_url"), rs.getBoolean("revoked")))
			.optional();
	}

	/**
	 * Counts a phone-home of a live token and marks its seed configured at the first one. Concurrent phone-homes
	 * of one token are serialised by the row lock, so exactly one of them is the first.
	 */
	Optional<PhoneHome> phoneHome(SeedToken token, Instant now) {
		return jdbc.sql("""
				update compute_nocloud_seeds
				set phone_home_count = phone_home_count + 1, last_phone_home_at = :now,
				    configured_at = coalesce(configured_at, :now)
				where token_hash = :hash and revoked_at is null
				returning instance_id, phone_home_count""")
			.param("now", Timestamp.from(now))
			.param("hash", token.hash())
			.query((rs, row) -> new PhoneHome(rs.getObject("instance_id", UUID.class), rs.getInt("phone_home_count") == 1))
			.optional();
	}

	/** The organisation owning the instance, from its latest seed. */
	Optional<UUID> owner(UUID instanceId) {
		return jdbc.sql("""
				select organisation_id from compute_nocloud_seeds where instance_id = :instance
				order by issued_at desc limit 1""")
			.param("instance", instanceId)
			.query(UUID.class)
			.optional();
	}

	/** When the instance's current (or latest) seed was configured, if it was. */
	Optional<Instant> configuredAt(UUID instanceId) {
		return jdbc.sql("""
				select configured_at from compute_nocloud_seeds where instance_id = :instance
				order by issued_at desc limit 1""")
			.param("instance", instanceId)
			.query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.optional()
			.flatMap(at -> at);
	}

	/** The mount point as served: only with a data disk, {@code /data} when none was named. */
	private static @Nullable String mountPoint(SeedRequest request) {
		if (request.dataDiskGib() == null) {
			return null;
		}
		return request.dataDiskMountPoint() == null ? SeedDocuments.DATA_MOUNT : request.dataDiskMountPoint();
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}
}
