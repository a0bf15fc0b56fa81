package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.UsageRecord;
import io.skyport.billing.UsageRecords;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage records are idempotent per instance, metric and hour, and a batch is all or nothing.
 */
@SkyportIntegrationTest
class UsageRecordsTests {

	@Autowired
	UsageRecords usage;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	UUID subscription;
	UUID instance;
	Instant hour;

	@BeforeEach
	void subscription() {
		subscription = billing.subscription(billing.customer(), "10.00", "EUR", billing.today(), 100, "0.05");
		instance = UUID.randomUUID();
		hour = billing.today().atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
	}

	@Test
	void the_same_record_twice_is_stored_once() {
		UsageRecord record = new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("1.5"));
		assertThat(usage.record(record)).isTrue();
		assertThat(usage.record(new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("1.500000"))))
			.isFalse();
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void the_same_key_with_another_quantity_is_a_conflict_and_the_whole_batch_is_refused() {
		usage.record(new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("1.5")));
		UUID other = UUID.randomUUID();
		assertThatThrownBy(() -> usage.recordAll(List.of(
				new UsageRecord(subscription, other, "bandwidth", hour, BigDecimal.ONE),
				new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("2")))))
			.isInstanceOf(ConflictException.class).hasMessageContaining("never changed");
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void malformed_records_are_refused_field_by_field() {
		assertThatThrownBy(() -> usage.recordAll(List.of(
				new UsageRecord(subscription, instance, "cpu", hour, BigDecimal.ONE),
				new UsageRecord(subscription, instance, "bandwidth", hour.plusSeconds(60), BigDecimal.ONE),
				new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("-1")),
				new UsageRecord(subscription, instance, "bandwidth", hour, new BigDecimal("0.0000001")))))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.violations())
				.extracting(InvalidInputException.Violation::field)
				.containsExactly("records[0].metric", "records[1].hour", "records[2].quantity", "records[3].quantity",
						"records[3].hour"));
		assertThat(rows()).isZero();
	}

	@Test
	void operators_send_batches_over_the_api_and_others_may_not() {
		TestUser operator = accounts.operator();
		InvoicingApi api = new InvoicingApi(mvc, json);
		Map<String, Object> record = Map.of("subscriptionId", subscription.toString(), "instanceId", instance.toString(),
				"metric", "bandwidth", "hour", hour.toString(), "quantity", 3);
		Map<String, Object> next = Map.of("subscriptionId", subscription.toString(), "instanceId", instance.toString(),
				"metric", "bandwidth", "hour", hour.plusSeconds(3600).toString(), "quantity", 4);

		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage", Map.of("records", List.of(record)), operator))
			.hasStatusOk().bodyJson().extractingPath("$.recorded").isEqualTo(1);
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage", Map.of("records", List.of(record, next)), operator))
			.hasStatusOk().bodyJson().extractingPath("$.alreadyRecorded").isEqualTo(1);
		Map<String, Object> changed = new java.util.HashMap<>(record);
		changed.put("quantity", 5);
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage", Map.of("records", List.of(changed)), operator))
			.hasStatus(409);
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage",
				Map.of("records", List.of(Map.of("metric", "bandwidth"))), operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.contains("records[0].subscriptionId", "records[0].hour");
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage",
				Map.of("records", List.of(Map.of("subscriptionId", UUID.randomUUID().toString(), "instanceId",
						instance.toString(), "metric", "bandwidth", "hour", hour.toString(), "quantity", 1))), operator))
			.hasStatus(404);
		assertThat(api.send(HttpMethod.POST, "/api/v1/billing/usage", Map.of("records", List.of(record)),
				accounts.customer())).hasStatus(403);
		assertThat(rows()).isEqualTo(2);
	}

	private int rows() {
		return jdbc.sql("select count(*) from usage_records where subscription_id = :id").param("id", subscription)
			.query(Integer.class).single();
	}
}
