package io.skyport.monitoring.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.monitoring.samples.Counters;
import io.skyport.monitoring.samples.InstanceSample;
import io.skyport.monitoring.samples.Resolution;
import io.skyport.monitoring.samples.Rollups;
import io.skyport.monitoring.samples.SampleStore;
import io.skyport.monitoring.samples.SubjectKind;
import io.skyport.monitoring.samples.SubjectState;
import io.skyport.testing.SkyportIntegrationTest;

/**
 * A server's transmitted bytes become billing usage once per instance and hour, and the invoice bills what is above
 * the plan's allowance.
 */
@SkyportIntegrationTest
class BandwidthBillingTests {

	static final long GIB = 1L << 30;

	@Autowired
	BandwidthBilling bandwidth;

	@Autowired
	SampleStore store;

	@Autowired
	Rollups rollups;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void transmitted_bytes_are_recorded_once_per_hour_and_the_excess_is_on_the_invoice() throws Exception {
		Customer customer = billing.customer();
		LocalDate today = billing.today();
		LocalDate activated = today.minusDays(40);
		UUID subscription = billing.subscription(customer, "10.00", "EUR", activated, 1, "0.05");
		UUID instance = UUID.randomUUID();
		Instant firstHour = activated.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(10));
		Instant secondHour = firstHour.plus(Duration.ofHours(1));
		// 3 GiB out in the first hour (in two samples), 0.5 GiB in the second; what it received is not billed
		store.record(List.of(sample(instance, firstHour.plusSeconds(900), GIB), sample(instance, firstHour.plusSeconds(1800), 2 * GIB),
				sample(instance, secondHour.plusSeconds(60), GIB / 2)), List.of(),
				List.of(new SubjectState(SubjectKind.INSTANCE, instance, "billed-1", customer.organisationId(), subscription,
						UUID.randomUUID(), "eu-1", 1, "1", secondHour.plusSeconds(60), Counters.ZERO)));
		rollups.rollUp(Resolution.MINUTE, firstHour, secondHour.plus(Duration.ofHours(1)));
		rollups.rollUp(Resolution.HOUR, firstHour, secondHour.plus(Duration.ofHours(1)));

		BandwidthBilling.Sent sent = bandwidth.send(firstHour, secondHour.plus(Duration.ofHours(1)));
		BandwidthBilling.Sent again = bandwidth.send(firstHour, secondHour.plus(Duration.ofHours(1)));

		assertThat(sent).isEqualTo(new BandwidthBilling.Sent(2, 0, 0));
		assertThat(again).as("sending the same hours again adds nothing").isEqualTo(new BandwidthBilling.Sent(0, 2, 0));
		assertThat(jdbc.sql("select quantity from usage_records where instance_id = ? order by hour").param(instance)
			.query(String.class).list()).containsExactly("3.000000", "0.500000");

		TestUser operator = accounts.operator();
		assertThat(mvc.post().uri("/api/v1/billing/runs").header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.contentType(MediaType.APPLICATION_JSON).content("{\"asOf\": \"" + today + "\", \"dryRun\": false}"))
			.hasStatus(201);
		String invoices = body(mvc.get().uri("/api/v1/invoices").header(HttpHeaders.AUTHORIZATION, customer.user().bearer())
			.exchange().getResponse().getContentAsByteArray());
		List<String> ids = JsonPath.read(invoices, "$[*].id");
		List<Map<String, Object>> lines = ids.stream()
			.map(id -> {
				try {
					return body(mvc.get().uri("/api/v1/invoices/" + id)
						.header(HttpHeaders.AUTHORIZATION, customer.user().bearer()).exchange().getResponse()
						.getContentAsByteArray());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			})
			.flatMap(invoice -> JsonPath.<List<Map<String, Object>>>read(invoice,
					"$.lines[?(@.description =~ /Bandwidth.*/)]").stream())
			.toList();
		assertThat(lines).singleElement().satisfies(line -> {
			assertThat(line.get("quantity")).hasToString("2.5");
			assertThat(line.get("amount")).hasToString("0.13");
		});

		assertThat(bandwidth.send(firstHour, secondHour.plus(Duration.ofHours(1))))
			.as("billing refuses records of a period it invoiced already; they are skipped").isEqualTo(new BandwidthBilling.Sent(0, 0, 2));
		assertThat(jdbc.sql("select count(*) from usage_records where instance_id = ?").param(instance).query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void a_server_without_a_subscription_sends_nothing() {
		UUID instance = UUID.randomUUID();
		Instant hour = Instant.parse("2024-05-02T10:00:00Z");
		store.record(List.of(sample(instance, hour.plusSeconds(30), GIB)), List.of(),
				List.of(new SubjectState(SubjectKind.INSTANCE, instance, "direct-1", UUID.randomUUID(), null,
						UUID.randomUUID(), "eu-1", 1, "1", hour.plusSeconds(30), Counters.ZERO)));
		rollups.rollUp(Resolution.MINUTE, hour, hour.plus(Duration.ofHours(1)));
		rollups.rollUp(Resolution.HOUR, hour, hour.plus(Duration.ofHours(1)));

		assertThat(bandwidth.send(hour, hour.plus(Duration.ofHours(1)))).isEqualTo(new BandwidthBilling.Sent(0, 0, 0));
	}

	private static InstanceSample sample(UUID instance, Instant at, long bytesOut) {
		return new InstanceSample(instance, at, 15, 10.0, 1L << 28, 1L << 29, new Counters(0, 7 * GIB, bytesOut, 0, 0, 0, 0));
	}

	private static String body(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
