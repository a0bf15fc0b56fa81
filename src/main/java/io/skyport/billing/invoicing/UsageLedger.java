package io.skyport.billing.invoicing;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.billing.HourlyPrice;
import io.skyport.billing.ServerHour;
import io.skyport.billing.ServerPricing;
import io.skyport.billing.UsageRecord;
import io.skyport.billing.UsageRecords;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * Usage records, idempotent on {@code (instance, metric, hour)}. A record for a period whose usage was invoiced
 * already is refused (409): that period's invoice cannot change. Recording takes a shared lock on the customer that
 * issuing takes exclusively, so a record never slips in while its period is being settled.
 */
@Service
class UsageLedger implements UsageRecords {

	static final int MAX_BATCH = 10_000;

	private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");

	private final JdbcClient jdbc;
	private final JdbcTemplate batches;
	private final ServerPricing pricing;
	private final java.time.Clock clock;

	UsageLedger(JdbcClient jdbc, JdbcTemplate batches, ServerPricing pricing, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.pricing = pricing;
		this.clock = clock;
	}

	@Override
	@Transactional
	public int recordServerHours(List<ServerHour> hours) {
		if (hours.size() > MAX_BATCH) {
			throw InvalidInputException.of("hours", "Send at most " + MAX_BATCH + " hours at once.");
		}
		java.time.Instant now = clock.instant();
		new TreeSet<>(hours.stream().map(hour -> hour.organisationId().id()).toList())
			.forEach(organisation -> InvoiceWriter.lockCustomerShared(jdbc, organisation));
		int recorded = 0;
		for (ServerHour hour : hours) {
			if (!hour.hour().truncatedTo(ChronoUnit.HOURS).equals(hour.hour()) || hour.hour().isAfter(now)) {
				throw InvalidInputException.of("hour", hour.hour() + " is not the start of an hour that has begun.");
			}
			HourlyPrice price = pricing.hourlyPrice(hour.serverType(), hour.vcpus(), hour.memoryMib(), hour.diskGib(),
					hour.hour().plus(java.time.Duration.ofHours(1)).minusNanos(1))
				.orElseThrow(() -> new ConflictException("No hourly price was in force for "
						+ (hour.serverType() == null ? "custom sizes" : "server type " + hour.serverType()) + " at "
						+ hour.hour() + "; set one under Server prices."));
			String description = hour.serverName() + " ("
					+ (hour.serverType() != null ? hour.serverType()
							: hour.vcpus() + " vCPU, " + hour.memoryMib() + " MiB RAM, " + hour.diskGib() + " GiB disk")
					+ ")";
			recorded += jdbc.sql("""
					insert into usage_records (instance_id, metric, hour, organisation_id, quantity, currency,
						unit_price, description, recorded_at)
					values (:instance, 'server_hours', :hour, :organisation, 1, :currency, :price, :description, :now)
					on conflict do nothing
					""")
				.param("instance", hour.instanceId())
				.param("hour", hour.hour().atOffset(ZoneOffset.UTC))
				.param("organisation", hour.organisationId().id())
				.param("currency", price.currency())
				.param("price", price.amount())
				.param("description", description.length() > 200 ? description.substring(0, 200) : description)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.update();
		}
		return recorded;
	}

	@Override
	@Transactional
	public boolean record(UsageRecord record) {
		return recordAll(List.of(record)) == 1;
	}

	@Override
	@Transactional
	public int recordAll(List<UsageRecord> records) {
		validate(records);
		if (records.isEmpty()) {
			return 0;
		}
		Map<UUID, Subscription> subscriptions = subscriptions(records);
		new TreeSet<>(subscriptions.values().stream().map(Subscription::organisationId).toList())
			.forEach(organisation -> InvoiceWriter.lockCustomerShared(jdbc, organisation));
		refuseSettledPeriods(records, subscriptions);
		List<Object[]> rows = new ArrayList<>(records.size());
		java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
		for (UsageRecord record : records) {
			rows.add(new Object[] { record.instanceId(), record.metric(), record.hour().atOffset(ZoneOffset.UTC),
					record.subscriptionId(), record.quantity(), now });
		}
		int[] written = batches.batchUpdate("""
				insert into usage_records (instance_id, metric, hour, subscription_id, quantity, recorded_at)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing
				""", rows, new int[] { Types.OTHER, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER,
				Types.NUMERIC, Types.TIMESTAMP_WITH_TIMEZONE });
		int recorded = 0;
		for (int i = 0; i < written.length; i++) {
			if (written[i] > 0) {
				recorded++;
			}
			else {
				requireSame(i, records.get(i));
			}
		}
		return recorded;
	}

	private record Subscription(UUID organisationId, @Nullable LocalDate activatedOn) {
	}

	private static void validate(List<UsageRecord> records) {
		List<Violation> violations = new ArrayList<>();
		if (records.size() > MAX_BATCH) {
			throw InvalidInputException.of("records", "Send at most " + MAX_BATCH + " records at once, not "
					+ records.size() + ".");
		}
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < records.size(); i++) {
			UsageRecord record = records.get(i);
			String field = "records[" + i + "].";
			if (record.subscriptionId() == null) {
				violations.add(new Violation(field + "subscriptionId", "Name the subscription the usage is billed to."));
			}
			if (record.instanceId() == null) {
				violations.add(new Violation(field + "instanceId", "Name the instance that was measured."));
			}
			if (!UsageRecord.BANDWIDTH.equals(record.metric())) {
				violations.add(new Violation(field + "metric", "Unknown metric '" + record.metric()
						+ "'; the only metric billed is '" + UsageRecord.BANDWIDTH + "' (GiB)."));
			}
			if (record.hour() == null) {
				violations.add(new Violation(field + "hour", "Give the hour measured, e.g. 2026-11-23T14:00:00Z."));
			}
			else if (!record.hour().truncatedTo(ChronoUnit.HOURS).equals(record.hour())) {
				violations.add(new Violation(field + "hour", record.hour() + " is not the start of an hour; use e.g. "
						+ record.hour().truncatedTo(ChronoUnit.HOURS) + "."));
			}
			BigDecimal quantity = record.quantity();
			if (quantity == null) {
				violations.add(new Violation(field + "quantity", "Give the quantity measured."));
			}
			else if (quantity.signum() < 0) {
				violations.add(new Violation(field + "quantity", "The quantity cannot be negative."));
			}
			else if (quantity.stripTrailingZeros().scale() > 6) {
				violations.add(new Violation(field + "quantity", quantity.toPlainString()
						+ " has more than 6 decimals."));
			}
			else if (quantity.compareTo(MAX_QUANTITY) > 0) {
				violations.add(new Violation(field + "quantity", "The quantity cannot be more than "
						+ MAX_QUANTITY.toPlainString() + "."));
			}
			if (record.instanceId() != null && record.hour() != null
					&& !keys.add(record.instanceId() + " " + record.metric() + " " + record.hour())) {
				violations.add(new Violation(field + "hour", "The batch holds this instance, metric and hour twice."));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
	}

	private Map<UUID, Subscription> subscriptions(List<UsageRecord> records) {
		Set<UUID> ids = new HashSet<>();
		records.forEach(record -> ids.add(record.subscriptionId()));
		Map<UUID, Subscription> found = new HashMap<>();
		jdbc.sql("select id, organisation_id, activated_on from subscriptions where id in (:ids)")
			.param("ids", ids)
			.query(rs -> {
				found.put(BillingReads.uuid(rs, "id"), new Subscription(BillingReads.uuid(rs, "organisation_id"),
						BillingReads.nullableDate(rs, "activated_on")));
			});
		for (UUID id : ids) {
			if (!found.containsKey(id)) {
				throw NotFoundException.of("subscription", id);
			}
		}
		return found;
	}

	private void refuseSettledPeriods(List<UsageRecord> records, Map<UUID, Subscription> subscriptions) {
		Set<String> settled = new HashSet<>();
		jdbc.sql("select subscription_id, period_start from billed_usage_periods where subscription_id in (:ids)")
			.param("ids", subscriptions.keySet())
			.query(rs -> {
				settled.add(BillingReads.uuid(rs, "subscription_id") + " " + BillingReads.date(rs, "period_start"));
			});
		if (settled.isEmpty()) {
			return;
		}
		for (UsageRecord record : records) {
			LocalDate anchor = subscriptions.get(record.subscriptionId()).activatedOn();
			LocalDate day = LocalDate.ofInstant(record.hour(), ZoneOffset.UTC);
			if (anchor == null || day.isBefore(anchor)) {
				continue;
			}
			AnniversaryPeriod period = AnniversaryPeriod.containing(anchor, day);
			if (settled.contains(record.subscriptionId() + " " + period.start())) {
				throw new ConflictException("The usage of subscription " + record.subscriptionId() + " from "
						+ period.start() + " to " + period.end().minusDays(1)
						+ " was invoiced already; a record for " + record.hour() + " comes too late.");
			}
		}
	}

	private void requireSame(int index, UsageRecord record) {
		Map<String, Object> existing = jdbc.sql("""
				select subscription_id, quantity from usage_records
				where instance_id = :instance and metric = :metric and hour = :hour
				""")
			.param("instance", record.instanceId())
			.param("metric", record.metric())
			.param("hour", record.hour().atOffset(ZoneOffset.UTC))
			.query()
			.singleRow();
		if (!record.subscriptionId().equals(existing.get("subscription_id"))
				|| ((BigDecimal) existing.get("quantity")).compareTo(record.quantity()) != 0) {
			throw new ConflictException("records[" + index + "]: instance " + record.instanceId() + " has a "
					+ record.metric() + " record for " + record.hour() + " already, of "
					+ ((BigDecimal) existing.get("quantity")).stripTrailingZeros().toPlainString()
					+ " for subscription " + existing.get("subscription_id") + "; a record is never changed.");
		}
	}
}
