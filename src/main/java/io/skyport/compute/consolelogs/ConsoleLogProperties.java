package io.skyport.compute.consolelogs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the console log capture ({@code skyport.compute.console-logs.*}).
 *
 * @param enabled whether this server runs the capture and retention jobs (the others still do).
 * @param interval the pause between two capture rounds.
 * @param roundTimeout how long a round waits for its nodes; a node that has not answered by then is left for the next
 *        round (its reads may go on within the adapter's own timeouts, but it is not read again while they do).
 * @param threads nodes read at once.
 * @param readSize the most read from one machine's log per round (a machine that printed more catches up over the
 *        next rounds).
 * @param maxSize Skyport's copy per server: beyond it the oldest output is dropped.
 * @param retention how long captured output is kept.
 * @param retentionInterval how often output older than the retention is deleted.
 * @param afterStop how long a stopped server is still read (its last output: the shutdown).
 */
@ConfigurationProperties("skyport.compute.console-logs")
record ConsoleLogProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration interval,
		@DefaultValue("20s") Duration roundTimeout, @DefaultValue("4") int threads,
		@DefaultValue("256KB") DataSize readSize, @DefaultValue("2MB") DataSize maxSize,
		@DefaultValue("30d") Duration retention, @DefaultValue("1h") Duration retentionInterval,
		@DefaultValue("1m") Duration afterStop) {

	ConsoleLogProperties {
		if (interval.isNegative() || interval.isZero() || roundTimeout.isNegative() || roundTimeout.isZero()
				|| retention.isNegative() || retention.isZero() || retentionInterval.isNegative()
				|| retentionInterval.isZero() || afterStop.isNegative()) {
			throw new IllegalArgumentException("skyport.compute.console-logs: interval, round-timeout, retention and "
					+ "retention-interval must be positive, after-stop must not be negative.");
		}
		if (threads < 1) {
			throw new IllegalArgumentException("skyport.compute.console-logs.threads must be at least 1.");
		}
		if (readSize.toBytes() < 1024 || readSize.toBytes() > 16L << 20) {
			throw new IllegalArgumentException("skyport.compute.console-logs.read-size must be between 1KB and 16MB.");
		}
		if (maxSize.toBytes() < readSize.toBytes()) {
			throw new IllegalArgumentException("skyport.compute.console-logs.max-size must not be smaller than read-size.");
		}
	}

	int readBytes() {
		return (int) readSize.toBytes();
	}

	long maxBytes() {
		return maxSize.toBytes();
	}
}
