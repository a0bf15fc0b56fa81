package io.skyport.billing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.storage.ObjectStorage;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every issued document gets its PDF, stored once, with the number, lines and totals on it; only its reader may
 * download it.
 */
@SkyportIntegrationTest
class InvoiceDocumentsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectStorage storage;

	@Test
	void an_issued_invoice_gets_a_stored_pdf_with_its_number_lines_and_totals_that_only_its_reader_downloads() {
		InvoicingApi api = new InvoicingApi(mvc, json);
		TestUser operator = accounts.operator();
		Customer customer = billing.customer();
		billing.subscription(customer, "30.00", "EUR", billing.today().minusDays(40));
		api.issue(operator, billing.today());
		Map<String, Object> invoice = api.invoices(customer.user()).getFirst();
		String number = (String) invoice.get("number");
		UUID id = UUID.fromString((String) invoice.get("id"));

		String key = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pdfKey(id), k -> k != null);
		assertThat(key).isEqualTo("invoices/" + billing.today().getYear() + "/" + number + ".pdf");
		assertThat(storage.get(key)).hasValueSatisfying(object -> assertThat(object.contentType()).isEqualTo("application/pdf"));

		MvcTestResult download = api.get("/api/v1/invoices/" + id + "/pdf", customer.user());
		assertThat(download).hasStatusOk().hasContentType("application/pdf");
		assertThat(download.getResponse().getHeader("Content-Disposition")).contains(number + ".pdf");
		String text = PdfText.of(download.getResponse().getContentAsByteArray());
		assertThat(text).contains("Invoice", number, customer.user().user().organisationName(), "PostgreSQL · Small",
				"30.00", "60.00", "11.40", "71.40", "Skyport");

		assertThat(api.get("/api/v1/invoices/" + id + "/pdf", billing.customer().user())).hasStatus(404);
		assertThat(api.get("/api/v1/invoices/" + id + "/pdf", operator)).hasStatusOk();
		assertThat(api.get("/api/v1/invoices/" + UUID.randomUUID() + "/pdf", customer.user())).hasStatus(404);
	}

	@Test
	void a_credit_note_gets_its_pdf_too() {
		InvoicingApi api = new InvoicingApi(mvc, json);
		TestUser operator = accounts.operator();
		Customer customer = billing.customer();
		UUID subscription = billing.subscription(customer, "31.00", "EUR", billing.today().minusDays(1));
		api.issue(operator, billing.today());
		billing.cancel(subscription, billing.today());
		api.issue(operator, billing.today());
		Map<String, Object> creditNote = api.invoices(customer.user()).getFirst();
		assertThat(creditNote.get("kind")).isEqualTo("CREDIT_NOTE");

		UUID id = UUID.fromString((String) creditNote.get("id"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pdfKey(id), k -> k != null);
		String text = PdfText.of(api.get("/api/v1/invoices/" + id + "/pdf", customer.user()).getResponse()
			.getContentAsByteArray());
		assertThat(text).contains("Credit note", (String) creditNote.get("number"), "unused days");
	}

	private String pdfKey(UUID id) {
		return (String) jdbc.sql("select pdf_key from invoices where id = :id").param("id", id).query().singleRow()
			.get("pdf_key");
	}
}
