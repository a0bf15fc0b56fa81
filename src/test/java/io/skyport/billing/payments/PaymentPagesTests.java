package io.skyport.billing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.billing.invoicing.InvoicingFixtures.Customer;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' payments and dunning pages.
 */
@SkyportIntegrationTest
class PaymentPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	@Autowired
	Dunning dunning;

	@Test
	void an_operator_sees_dunning_steps_and_records_a_payment_in_the_panel() {
		BillingCalls api = new BillingCalls(mvc, json);
		TestUser operator = accounts.operator();
		LocalDate today = billing.today();
		Customer customer = billing.customer();
		billing.subscription(customer, "10.00", "EUR", today);
		api.issue(operator, today);
		Map<String, Object> invoice = api.onlyInvoice(customer.user());
		String number = (String) invoice.get("number");
		UUID id = BillingCalls.id(invoice);
		dunning.run(LocalDate.parse((String) invoice.get("dueAt")).plusDays(7),
				new OrganisationId(customer.organisationId()));
		MockHttpSession session = api.session(operator);

		assertThat(api.page(session, "/panel/admin/dunning")).contains(number).contains("reminder on")
			.contains("Run dunning now");
		assertThat(api.page(session, "/panel/admin/payments?invoiceId=" + id)).contains(number)
			.contains("Record payment");

		String refused = BillingCalls.body(mvc.post().uri("/panel/admin/payments").session(session).with(csrf())
			.param("invoiceId", id.toString()).param("amount", "11,90").param("paidOn", today.toString())
			.param("reference", "bank 9").exchange());
		assertThat(refused).contains("is not an amount").contains("bank 9");
		assertThat(api.invoice(operator, id).get("status")).isEqualTo("OPEN");

		assertThat(mvc.post().uri("/panel/admin/payments").session(session).with(csrf())
			.param("invoiceId", id.toString()).param("amount", "11.90").param("paidOn", today.toString())
			.param("reference", "bank 9").exchange()).hasRedirectedUrl("/panel/admin/payments");
		assertThat(api.invoice(operator, id).get("status")).isEqualTo("PAID");
		assertThat(api.page(session, "/panel/admin/payments")).contains("bank 9").contains("€11.90");
		assertThat(api.page(session, "/panel/admin/dunning")).doesNotContain(number);

		String again = BillingCalls.body(mvc.post().uri("/panel/admin/payments").session(session).with(csrf())
			.param("invoiceId", id.toString()).param("amount", "11.90").param("paidOn", today.toString())
			.param("reference", "bank 9").exchange());
		assertThat(again).contains("paid already");

		MockHttpSession customerSession = api.session(customer.user());
		assertThat(mvc.get().uri("/panel/admin/payments").session(customerSession).exchange()).hasStatus(403);
		assertThat(mvc.get().uri("/panel/admin/dunning").session(customerSession).exchange()).hasStatus(403);
	}
}
