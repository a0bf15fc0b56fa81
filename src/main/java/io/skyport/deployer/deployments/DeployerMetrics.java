package io.skyport.deployer.deployments;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.metrics.DatabaseGauges;

/**
 * The deployer's series: {@code skyport_deployments{state}}, deployments per state, counted in the database (one
 * {@code group by} on the {@code state} index, kept for the gauge TTL), and
 * {@code skyport_deployer_step_duration_seconds{step,outcome}}, how long each saga step took from its first attempt
 * to its end, retries and waits included (a histogram with fixed buckets, so percentiles can be computed across
 * servers).
 */
@Component
class DeployerMetrics {

	static final String DEPLOYMENTS = "skyport.deployments";
	static final String STEP_DURATION = "skyport.deployer.step.duration";

	/**
	 * The histogram's buckets: from a quick database step to the guest deadline and beyond. Fifteen fixed buckets
	 * instead of Micrometer's percentile histogram, which would expose about 86 per step and outcome for this range.
	 */
	private static final Duration[] BUCKETS = { Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1) };

	/** How a step ended. */
	enum StepOutcome {
		SUCCEEDED, FAILED
	}

	private final MeterRegistry meters;

	DeployerMetrics(DatabaseGauges gauges, JdbcClient jdbc, MeterRegistry meters) {
		this.meters = meters;
		gauges.countsByState(DEPLOYMENTS, "Deployments (servers ordered or requested) in each state of the saga",
				"state", DeploymentState.class, () -> countByState(jdbc));
	}

	/** A step ended after {@code took}; its timer is registered on first use (label values: the enums'). */
	void stepEnded(DeploymentState step, StepOutcome outcome, Duration took) {
		Timer.builder(STEP_DURATION)
			.description("Time a deployment step took from its first attempt to success or failure, retries and "
					+ "waiting included")
			.tag("step", step.name().toLowerCase(Locale.ROOT))
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.serviceLevelObjectives(BUCKETS)
			.register(meters)
			.record(took.isNegative() ? Duration.ZERO : took);
	}

	private static Map<DeploymentState, Long> countByState(JdbcClient jdbc) {
		Map<DeploymentState, Long> counts = new EnumMap<>(DeploymentState.class);
		jdbc.sql("select state, count(*) from deployments group by state")
			.query((rs, row) -> counts.put(DeploymentState.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return counts;
	}
}
