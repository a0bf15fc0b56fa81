package io.skyport.monitoring.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeCameUp;
import io.skyport.compute.NodeId;
import io.skyport.compute.NodeWentDown;
import io.skyport.deployer.DeploymentFailed;
import io.skyport.deployer.DeploymentId;
import io.skyport.deployer.DeploymentState;
import io.skyport.deployer.DeploymentSucceeded;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestClock;

/**
 * The built-in rules: a node down fires until it comes up, a failed deployment until it succeeds; e-mail failures and
 * abandoned event publications fire and resolve on evaluation rounds run with a test clock. Operators hear of each
 * through a notice and an e-mail (the outbox here), once per alert and state.
 */
@SkyportIntegrationTest
class BuiltInAlertTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	Alerts alerts;

	@Autowired
	AlertRules rules;

	@Autowired
	AlertRuleService service;

	@Autowired
	BuiltInAlerts builtIns;

	@Autowired
	AlertLedger ledger;

	@Autowired
	PlatformChecks platformChecks;

	@Autowired
	MetricRules metricRules;

	@Autowired
	JdbcClient jdbc;

	@Test
	void a_node_down_fires_tells_the_operators_and_resolves_when_it_comes_up() {
		TestUser operator = accounts.operator();
		NodeId node = new NodeId(UUID.randomUUID());
		String name = "node-" + node.id().toString().substring(0, 8);

		publish(new NodeWentDown(node, name, "3 probes missed"));
		Alert fired = await().atMost(Duration.ofSeconds(20)).until(() -> alert(BuiltIn.NODE_DOWN, "node:" + node.id()),
				Optional::isPresent).orElseThrow();
		assertThat(fired.firing()).isTrue();
		assertThat(fired.subjectName()).isEqualTo(name);
		assertThat(fired.summary()).isEqualTo("Node " + name + " is down: 3 probes missed");
		assertThat(fired.organisationId()).as("an operators' alert").isNull();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(outbox(operator.email(), "Alert: Node down — " + name)).isOne();
			assertThat(notices("alert-raised:" + fired.id() + ":" + operator.user().organisationId().id())).isOne();
		});

		publish(new NodeWentDown(node, name, "still down"));
		publish(new NodeCameUp(node, name));
		await().atMost(Duration.ofSeconds(20)).until(() -> alerts.findById(fired.id()).orElseThrow().state(),
				state -> state == Alert.State.RESOLVED);
		Alert resolved = alerts.findById(fired.id()).orElseThrow();
		assertThat(resolved.resolution()).isEqualTo("Node " + name + " answers again");
		assertThat(resolved.resolvedAt()).isAfterOrEqualTo(resolved.firedAt());
		assertThat(jdbc.sql("select count(*) from alerts where subject_key = ?").param("node:" + node.id())
			.query(Long.class).single()).as("the repeated NodeWentDown fired nothing new").isOne();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(
				() -> assertThat(outbox(operator.email(), "Resolved: Node down — " + name)).isOne());
	}

	@Test
	void a_failed_deployment_fires_and_resolves_when_it_succeeds_after_a_retry() {
		DeploymentId deployment = new DeploymentId(UUID.randomUUID());
		InstanceId instance = new InstanceId(UUID.randomUUID());
		OrganisationId customer = new OrganisationId(UUID.randomUUID());
		Instant failedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

		publish(new DeploymentFailed(deployment, instance, null, customer, DeploymentState.CREATING_VM,
				"No node has room", true, failedAt));
		Alert fired = await().atMost(Duration.ofSeconds(20))
			.until(() -> alert(BuiltIn.DEPLOYMENT_FAILED, "deployment:" + deployment.id()), Optional::isPresent)
			.orElseThrow();
		assertThat(fired.summary()).startsWith("Deployment of server " + instance.id().toString().substring(0, 8))
			.contains("CREATING_VM").contains("No node has room");
		assertThat(fired.subjectId()).isEqualTo(instance.id());
		assertThat(fired.firedAt()).isEqualTo(failedAt);

		publish(new DeploymentSucceeded(deployment, instance, null, customer, failedAt.plusSeconds(60)));
		await().atMost(Duration.ofSeconds(20)).until(() -> alerts.findById(fired.id()).orElseThrow().state(),
				state -> state == Alert.State.RESOLVED);
		assertThat(alerts.findById(fired.id()).orElseThrow().resolvedAt()).isEqualTo(failedAt.plusSeconds(60));
	}

	@Test
	void a_switched_off_built_in_fires_nothing_and_switching_it_off_resolves_what_fired() {
		AlertRule nodeDown = rules.findByBuiltin(BuiltIn.NODE_DOWN).orElseThrow();
		NodeId first = new NodeId(UUID.randomUUID());
		NodeId second = new NodeId(UUID.randomUUID());
		try {
			builtIns.on(new NodeWentDown(first, "node-first", "gone"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> alert(BuiltIn.NODE_DOWN, "node:" + first.id()), Optional::isPresent);

			service.tune(AlertRuleService.Owner.operators(), nodeDown.id(), false, null, null);
			assertThat(alerts.findByRuleIdAndSubjectKeyAndState(nodeDown.id(), "node:" + first.id(),
					Alert.State.RESOLVED)).get().extracting(Alert::resolution).isEqualTo("The rule was switched off");

			assertThat(ledger.fire(BuiltIn.NODE_DOWN, AlertSubject.node(second.id(), "node-second"), "gone", null))
				.isFalse();
			assertThat(alert(BuiltIn.NODE_DOWN, "node:" + second.id())).isEmpty();
		}
		finally {
			service.tune(AlertRuleService.Owner.operators(), nodeDown.id(), true, null, null);
		}
	}

	@Test
	void failing_email_fires_at_the_threshold_and_resolves_when_the_window_has_no_failures() {
		Instant start = Instant.parse("2031-01-01T00:00:00Z").plus(ThreadLocalRandom.current().nextInt(1_000_000),
				ChronoUnit.MINUTES);
		TestClock clock = new TestClock(start);
		AlertEvaluation evaluation = evaluation(clock);
		AlertRule rule = rules.findByBuiltin(BuiltIn.EMAIL_FAILING).orElseThrow();
		service.tune(AlertRuleService.Owner.operators(), rule.id(), true, 2.0, 10);
		UUID one = failedDelivery(start.minusSeconds(60));
		UUID two = null;
		try {
			evaluation.evaluate();
			assertThat(alert(BuiltIn.EMAIL_FAILING, PlatformChecks.EMAIL)).as("one failure, threshold 2").isEmpty();

			two = failedDelivery(start.minusSeconds(30));
			evaluation.evaluate();
			Alert fired = alert(BuiltIn.EMAIL_FAILING, PlatformChecks.EMAIL).orElseThrow();
			assertThat(fired.summary()).isEqualTo("2 e-mails could not be handed to the SMTP server in the last 10 "
					+ "minutes and are not delivered yet");
			assertThat(fired.firedAt()).isEqualTo(start);

			clock.advance(Duration.ofMinutes(9));
			evaluation.evaluate();
			assertThat(alerts.findById(fired.id()).orElseThrow().firing()).as("the failures are still in the window")
				.isTrue();

			clock.advance(Duration.ofMinutes(2));
			evaluation.evaluate();
			Alert resolved = alerts.findById(fired.id()).orElseThrow();
			assertThat(resolved.firing()).isFalse();
			assertThat(resolved.resolvedAt()).isEqualTo(start.plus(Duration.ofMinutes(11)));
			assertThat(resolved.resolution()).isEqualTo("No undelivered e-mail failed in the last 10 minutes");
		}
		finally {
			service.tune(AlertRuleService.Owner.operators(), rule.id(), true, 1.0, 15);
			jdbc.sql("delete from email_deliveries where id in (?, ?)").param(one).param(two).update();
		}
	}

	@Test
	void abandoned_event_publications_fire_until_they_are_gone() {
		UUID publication = UUID.randomUUID();
		AlertEvaluation evaluation = evaluation(new TestClock(Instant.now()));
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_attempts, status)
				values (?, 'test.listener', 'io.skyport.compute.NodeCameUp', ?, ?, 5, 'FAILED')""")
			.param(publication)
			.param("{\"nodeId\":{\"id\":\"" + UUID.randomUUID() + "\"},\"nodeName\":\"gone\"}")
			.param(Timestamp.from(Instant.now().minus(Duration.ofDays(4))))
			.update();
		try {
			evaluation.evaluate();
			Alert fired = alert(BuiltIn.EVENTS_ABANDONED, PlatformChecks.EVENTS).orElseThrow();
			assertThat(fired.summary()).contains("given up after failing for days");
			assertThat(fired.value()).isGreaterThanOrEqualTo(1.0);
		}
		finally {
			jdbc.sql("delete from event_publication where id = ?").param(publication).update();
		}
		evaluation.evaluate();
		assertThat(alert(BuiltIn.EVENTS_ABANDONED, PlatformChecks.EVENTS)).isEmpty();
	}

	private AlertEvaluation evaluation(TestClock clock) {
		return new AlertEvaluation(platformChecks, metricRules, rules, clock);
	}

	private UUID failedDelivery(Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into email_deliveries (id, idempotency_key, recipient, subject, template, status, attempts,
				                              last_error, created_at, last_attempt_at)
				values (?, ?, 'someone@example.test', 'Test', 'welcome', 'FAILED', 1, 'MailConnectException', ?, ?)""")
			.param(id)
			.param("alert-test:" + id)
			.param(Timestamp.from(at))
			.param(Timestamp.from(at))
			.update();
		return id;
	}

	/** The firing alert of a built-in for a subject. */
	private Optional<Alert> alert(BuiltIn builtIn, String subjectKey) {
		AlertRule rule = rules.findByBuiltin(builtIn).orElseThrow();
		return alerts.findByRuleIdAndSubjectKeyAndState(rule.id(), subjectKey, Alert.State.FIRING);
	}

	private void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	private long outbox(String recipient, String subject) {
		return jdbc.sql("select count(*) from email_outbox where recipient = ? and subject = ?").param(recipient)
			.param(subject).query(Long.class).single();
	}

	private long notices(String key) {
		return jdbc.sql("select count(*) from notices where idempotency_key = ?").param(key).query(Long.class).single();
	}
}
