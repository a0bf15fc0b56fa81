package io.skyport.billing;

import java.util.List;

/**
 * Accepts usage measurements for billing, idempotently: the same record sent again is a no-op. Monitoring calls it
 * once per instance, metric and hour.
 */
public interface UsageRecords {

	/**
	 * Records one measurement.
	 *
	 * @return {@code true} if it was new, {@code false} if the same record was already there.
	 * @throws io.skyport.platform.errors.ConflictException if a record with the same key but another quantity or
	 * subscription exists, or if the record's billing period was invoiced already.
	 * @throws io.skyport.platform.errors.InvalidInputException for an unknown metric, an hour that is not the start of
	 * an hour, a negative quantity or more than 6 decimals.
	 * @throws io.skyport.platform.errors.NotFoundException if the subscription does not exist.
	 */
	boolean record(UsageRecord record);

	/**
	 * Records a batch, all or nothing (one transaction): any conflict or invalid record rejects the whole batch.
	 *
	 * @return how many were new; the rest were already there.
	 */
	int recordAll(List<UsageRecord> records);

	/**
	 * Records hours of direct servers (metric {@code server_hours}), each priced at its hour, all or nothing. A
	 * repeated hour is a no-op (its first record stands), so a job may send the same hours again.
	 *
	 * @return how many were new.
	 * @throws io.skyport.platform.errors.InvalidInputException for an hour that is not the start of an hour or lies
	 * in the future.
	 * @throws io.skyport.platform.errors.ConflictException if no price was in force at one of the hours.
	 */
	int recordServerHours(List<ServerHour> hours);
}
