package io.skyport.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.monitoring.alerts.AlertRuleService.Owner;
import io.skyport.monitoring.alerts.AlertViews.RuleView;
import io.skyport.monitoring.samples.Counters;
import io.skyport.monitoring.samples.InstanceSample;
import io.skyport.monitoring.samples.Metric;
import io.skyport.monitoring.samples.NodeSample;
import io.skyport.monitoring.samples.SampleStore;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.SubjectState;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * Metric rules on samples in the real store, evaluated with a test clock: "above X for Y minutes" fires only when every
 * sample of a covered window is above X, and resolves when one is not, when samples stop, or when the rule is switched
 * off; customers' rules see only their own servers; operators' rules watch nodes by region.
 */
@SkyportIntegrationTest
class MetricAlertTests {

	private static final Duration STEP = Duration.ofSeconds(15);

	@Autowired
	SampleStore store;

	@Autowired
	MetricRules metricRules;

	@Autowired
	AlertRuleService service;

	@Autowired
	AlertRules rules;

	@Autowired
	Alerts alerts;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void cpu_above_90_for_5_minutes_fires_only_on_a_covered_window_and_resolves_on_a_lower_sample() {
		TestUser customer = accounts.customer();
		TestUser other = accounts.customer();
		UUID server = UUID.randomUUID();
		String region = "metric-" + server.toString().substring(0, 8);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
		RuleView mine = service.create(Owner.of(customer.user()), new RuleInput(null, "instance", "cpu", "above", 90.0,
				5, "all", null, null, null, null));
		RuleView theirs = service.create(Owner.of(other.user()), new RuleInput(null, "instance", "cpu", "above", 10.0,
				1, "all", null, null, null, null));
		cpu(server, customer, region, start, start.plus(Duration.ofMinutes(5)), 95.0);

		evaluate(start.plus(Duration.ofMinutes(4)), mine, theirs);
		assertThat(firing(mine, server)).as("the window starts a minute before the first sample").isEmpty();

		Instant firedAt = start.plus(Duration.ofMinutes(5)).plusSeconds(5);
		evaluate(firedAt, mine, theirs);
		Alert fired = firing(mine, server).orElseThrow();
		assertThat(fired.summary()).isEqualTo("CPU above 90 % for 5 minutes on web-" + server.toString().substring(0, 4)
				+ " (lowest 95 %)");
		assertThat(fired.value()).isEqualTo(95.0);
		assertThat(fired.firedAt()).isEqualTo(firedAt);
		assertThat(fired.organisationId()).isEqualTo(customer.user().organisationId().id());
		assertThat(firing(theirs, server)).as("another organisation's rule never sees this server").isEmpty();

		evaluate(firedAt.plusSeconds(10), mine, theirs);
		assertThat(jdbc.sql("select count(*) from alerts where rule_id = ?").param(mine.id()).query(Long.class).single())
			.as("still the one alert").isOne();

		cpu(server, customer, region, start.plus(Duration.ofMinutes(5)).plus(STEP),
				start.plus(Duration.ofMinutes(5)).plus(STEP), 50.0);
		Instant resolvedAt = start.plus(Duration.ofMinutes(5)).plusSeconds(20);
		evaluate(resolvedAt, mine, theirs);
		Alert resolved = alerts.findById(fired.id()).orElseThrow();
		assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
		assertThat(resolved.resolvedAt()).isEqualTo(resolvedAt);
		assertThat(resolved.resolution()).isEqualTo("CPU at 50 %, no longer above 90 % the whole time");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(outbox(customer.email(), "Alert: CPU above 90 % for 5 minutes — web-"
					+ server.toString().substring(0, 4))).isOne();
			assertThat(outbox(customer.email(), "Resolved: CPU above 90 % for 5 minutes — web-"
					+ server.toString().substring(0, 4))).isOne();
			assertThat(jdbc.sql("select count(*) from notices where idempotency_key = ?")
				.param("alert-raised:" + fired.id() + ":" + customer.user().organisationId().id())
				.query(Long.class).single()).isOne();
		});
		assertThat(service.alerts(Owner.of(customer.user()), AlertRuleService.StateFilter.RESOLVED, 0, 50))
			.extracting(AlertViews.AlertView::id).contains(fired.id());
		assertThat(service.alerts(Owner.of(other.user()), AlertRuleService.StateFilter.ALL, 0, 50))
			.extracting(AlertViews.AlertView::id).doesNotContain(fired.id());
	}

	@Test
	void a_node_rule_for_a_region_fires_and_resolves_when_samples_stop() {
		UUID node = UUID.randomUUID();
		String region = "pool-" + node.toString().substring(0, 8);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(20));
		// Regions are compute's; this one exists only in the samples, so the rule is stored without the form's check.
		AlertRule stored = rules.save(new AlertRule(null, new RuleSpec("Pool filling", Metric.NODE_POOL_USED,
				Comparison.ABOVE, 80, Duration.ofMinutes(2), RuleScope.REGION, region, true), start));
		RuleView rule = service.rule(Owner.operators(), stored.id());
		try {
			List<NodeSample> samples = new ArrayList<>();
			for (Instant at = start; !at.isAfter(start.plus(Duration.ofMinutes(2))); at = at.plus(STEP)) {
				samples.add(new NodeSample(node, at, 15, 10.0, 4, 8L << 30, 4L << 30, 100L << 30, 15L << 30, 2));
			}
			store.record(List.of(), samples, List.of(nodeState(node, region, start.plus(Duration.ofMinutes(2)))));

			Instant now = start.plus(Duration.ofMinutes(2)).plusSeconds(5);
			evaluate(now, rule);
			Alert fired = firing(rule, node).orElseThrow();
			assertThat(fired.subjectKind()).isEqualTo(AlertSubject.Kind.NODE);
			assertThat(fired.summary()).startsWith("Pool used above 80 % for 2 minutes on node-");

			evaluate(now.plus(Duration.ofMinutes(3)), rule);
			Alert resolved = alerts.findById(fired.id()).orElseThrow();
			assertThat(resolved.firing()).isFalse();
			assertThat(resolved.resolution()).isEqualTo("No samples of Pool used in the last 2 minutes");
		}
		finally {
			service.delete(Owner.operators(), rule.id());
		}
	}

	@Test
	void switching_a_rule_off_resolves_its_alerts_and_it_fires_no_more() {
		TestUser customer = accounts.customer();
		UUID server = UUID.randomUUID();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(40));
		RuleView rule = service.create(Owner.of(customer.user()), new RuleInput("Idle", "instance", "cpu", "below",
				5.0, 1, "all", null, null, null, null));
		cpu(server, customer, "idle-" + server.toString().substring(0, 8), start, start.plus(Duration.ofMinutes(1)), 1.0);
		Instant now = start.plus(Duration.ofMinutes(1)).plusSeconds(5);
		evaluate(now, rule);
		Alert fired = firing(rule, server).orElseThrow();
		assertThat(fired.summary()).endsWith("(highest 1 %)");

		service.tune(Owner.of(customer.user()), rule.id(), false, null, null);
		assertThat(alerts.findById(fired.id()).orElseThrow().resolution()).isEqualTo("The rule was switched off");
		metricRules.evaluate(rules.findEnabledMetricRules().stream().filter(r -> r.id().equals(rule.id())).toList(),
				now.plusSeconds(1));
		assertThat(firing(rule, server)).isEmpty();
	}

	private static SubjectState nodeState(UUID node, String region, Instant at) {
		return new SubjectState(SubjectKind.NODE, node, "node-" + node.toString().substring(0, 4), null, null, node,
				region, 4, null, at, Counters.ZERO);
	}

	/** A sample every 15 s from {@code from} to {@code to} (inclusive) at the given CPU. */
	private void cpu(UUID server, TestUser owner, String region, Instant from, Instant to, double percent) {
		List<InstanceSample> samples = new ArrayList<>();
		for (Instant at = from; !at.isAfter(to); at = at.plus(STEP)) {
			samples.add(new InstanceSample(server, at, 15, percent, 256L << 20, 128L << 20, Counters.ZERO));
		}
		store.record(samples, List.of(), List.of(new SubjectState(SubjectKind.INSTANCE, server,
				"web-" + server.toString().substring(0, 4), owner.user().organisationId().id(), null, null, region, 1,
				"run-1", to, Counters.ZERO)));
	}

	private void evaluate(Instant now, RuleView... views) {
		List<UUID> ids = java.util.Arrays.stream(views).map(RuleView::id).toList();
		metricRules.evaluate(rules.findAllById(ids), now);
	}

	private Optional<Alert> firing(RuleView rule, UUID subject) {
		return alerts.findByRuleIdAndState(rule.id(), Alert.State.FIRING)
			.stream()
			.filter(alert -> subject.equals(alert.subjectId()))
			.findFirst();
	}

	private long outbox(String recipient, String subject) {
		return jdbc.sql("select count(*) from email_outbox where recipient = ? and subject = ?").param(recipient)
			.param(subject).query(Long.class).single();
	}
}
