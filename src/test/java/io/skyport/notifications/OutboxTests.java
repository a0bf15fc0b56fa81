package io.skyport.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.micrometer.core.instrument.MeterRegistry;
import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * Without an SMTP server (the default), e-mail lands in the outbox, once per key, and operators read it in the panel.
 */
@SkyportIntegrationTest
class OutboxTests {

	@Autowired
	Emails emails;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void a_message_is_stored_once_per_key_and_the_operator_reads_it_with_its_attachment() {
		String to = TestData.uniqueEmail();
		String key = "test:" + UUID.randomUUID();
		byte[] pdf = "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII);
		EmailRequest request = new EmailRequest(key, to, "Your document SKY-1 <b>", "test-message",
				Map.of("name", "Zoë <script>", "number", "SKY-1"), List.of(Attachment.pdf("SKY-1.pdf", pdf)));
		double stored = outboxDeliveries();

		emails.send(request);
		emails.send(request);

		assertThat(outboxDeliveries()).as("skyport_mail_deliveries_total{outcome=outbox}").isGreaterThanOrEqualTo(stored + 1);

		assertThat(jdbc.queryForObject("select count(*) from email_outbox where recipient = ?", Integer.class, to)).isOne();
		assertThat(jdbc.queryForMap("select status, attempts from email_deliveries where idempotency_key = ?", key))
			.containsEntry("status", "OUTBOX").containsEntry("attempts", 1);

		MockHttpSession operator = session(accounts.operator());
		String list = page(operator, "/panel/admin/outbox");
		assertThat(list).contains(to).contains("Your document SKY-1 &lt;b&gt;").contains("No SMTP server is configured");

		Matcher link = Pattern.compile("/panel/admin/outbox/([0-9a-f-]{36})\">Your document SKY-1 &lt;b&gt;").matcher(list);
		assertThat(link.find()).isTrue();
		String message = page(operator, "/panel/admin/outbox/" + link.group(1));
		assertThat(message).contains("Skyport &lt;billing@skyport.local&gt;").contains(to)
			.contains("sandbox=\"\"")
			.contains("srcdoc=\"&lt;!DOCTYPE html&gt;")
			.contains("Hello Zoë &amp;lt;script&amp;gt;")
			.doesNotContain("<script>document.title")
			.contains("Hello Zoë &lt;script&gt;,")
			.contains("SKY-1.pdf").contains("application/pdf");

		MvcTestResult download = mvc.get().uri("/panel/admin/outbox/" + link.group(1) + "/attachments/0").session(operator)
			.exchange();
		assertThat(download).hasStatusOk().hasContentType("application/pdf");
		assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment; filename=\"SKY-1.pdf\"");
		assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(pdf);
	}

	@Test
	void a_new_customer_gets_a_welcome_email() {
		TestUser customer = accounts.customer();

		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
				"select o.subject, o.text_body from email_outbox o join email_deliveries d on d.id = o.delivery_id "
						+ "where d.idempotency_key = ?", "welcome:" + customer.user().userId().id()))
			.singleElement()
			.satisfies(row -> {
				assertThat(row).containsEntry("subject", "Welcome to Skyport");
				assertThat((String) row.get("text_body")).contains("Welcome, Customer Person!")
					.contains(customer.user().organisationName()).contains("http://localhost:8080/login");
			}));
	}

	@Test
	void only_operators_read_the_outbox() {
		assertThat(mvc.get().uri("/panel/admin/outbox").session(session(accounts.customer()))).hasStatus(403);
		assertThat(mvc.get().uri("/panel/admin/outbox/" + UUID.randomUUID()).session(session(accounts.operator())))
			.hasStatus(404);
	}

	@Test
	void a_request_for_a_missing_template_or_with_a_broken_subject_is_refused() {
		assertThatIllegalArgumentException().isThrownBy(() -> emails.send(EmailRequest.of("test:" + UUID.randomUUID(),
				TestData.uniqueEmail(), "Hi", "no-such-template", Map.of())));
		assertThatIllegalArgumentException().isThrownBy(() -> EmailRequest.of("k", TestData.uniqueEmail(),
				"Hi\r\nBcc: victim@example.test", "test-message", Map.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> EmailRequest.of("k", TestData.uniqueEmail(), "Hi",
				"../secrets", Map.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> EmailRequest.of("k", "not an address", "Hi",
				"test-message", Map.of()));
	}

	private String page(MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	private double outboxDeliveries() {
		return meters.get(EmailMetrics.DELIVERIES).tag("outcome", "outbox").counter().count();
	}
}
