package io.skyport.monitoring.bandwidth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.skyport.billing.UsageRecord;
import io.skyport.billing.UsageRecords;
import io.skyport.monitoring.samples.Rollups;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Sends each server's transmitted bytes to billing as bandwidth usage, one record per instance and hour (GiB, 6
 * decimals), for the hours the hourly rollup has finished. Billing keys records by instance, metric and hour, so
 * sending an hour again is harmless; a watermark ({@code monitoring_rollups.bandwidth}) keeps the job from doing it
 * needlessly. Servers without a subscription (direct servers, billed by the hour) send none. A record billing refuses
 * (its period was invoiced already, its subscription is gone) is logged and skipped; any other failure stops the run,
 * which the next one repeats.
 */
@Component
public class BandwidthBilling {

	static final Duration MAX_CATCH_UP = Duration.ofDays(2);

	private static final String WATERMARK = "bandwidth";

	private static final Logger log = LoggerFactory.getLogger(BandwidthBilling.class);
	private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

	private final JdbcTemplate jdbc;
	private final UsageRecords usage;
	private final Rollups rollups;

	BandwidthBilling(JdbcTemplate jdbc, UsageRecords usage, Rollups rollups) {
		this.jdbc = jdbc;
		this.usage = usage;
		this.rollups = rollups;
	}

	/** What a run sent: new records, records billing had already, records it refused. */
	public record Sent(int recorded, int known, int refused) {
	}

	/** Sends the hours finished since the last run (at most two days of them). */
	public Sent run() {
		Instant done = rollups.doneUntil("hours");
		if (done == null) {
			return new Sent(0, 0, 0);
		}
		Instant start = rollups.doneUntil(WATERMARK);
		if (start == null) {
			start = done.minus(MAX_CATCH_UP);
		}
		if (!done.isAfter(start)) {
			return new Sent(0, 0, 0);
		}
		Instant until = done.isAfter(start.plus(MAX_CATCH_UP)) ? start.plus(MAX_CATCH_UP) : done;
		Sent sent = send(start, until);
		rollups.markDone(WATERMARK, until);
		return sent;
	}

	/** Sends the hours starting in [from, to). */
	public Sent send(Instant from, Instant to) {
		record Hour(UUID instanceId, UUID subscriptionId, Instant hour, long bytes) {
		}
		List<Hour> hours = jdbc.query("""
				select h.instance_id, s.subscription_id, h.sampled_at, h.net_out
				from monitoring_instance_hours h
				join monitoring_subjects s on s.kind = 'INSTANCE' and s.id = h.instance_id
				where h.sampled_at >= ? and h.sampled_at < ? and h.net_out > 0 and s.subscription_id is not null
				order by h.sampled_at, h.instance_id""",
				(rs, row) -> new Hour(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getTimestamp(3).toInstant(), rs.getLong(4)),
				Timestamp.from(from), Timestamp.from(to));
		int recorded = 0;
		int known = 0;
		int refused = 0;
		for (Hour hour : hours) {
			BigDecimal gib = BigDecimal.valueOf(hour.bytes()).divide(GIB, 6, RoundingMode.HALF_UP);
			if (gib.signum() == 0) {
				continue;
			}
			try {
				if (usage.record(new UsageRecord(hour.subscriptionId(), hour.instanceId(), UsageRecord.BANDWIDTH,
						hour.hour(), gib))) {
					recorded++;
				}
				else {
					known++;
				}
			}
			catch (ConflictException | NotFoundException | InvalidInputException ex) {
				refused++;
				log.warn("Billing refused the bandwidth of instance {} for {} ({} GiB): {}", hour.instanceId(),
						hour.hour(), gib, ex.getMessage());
			}
		}
		return new Sent(recorded, known, refused);
	}
}
