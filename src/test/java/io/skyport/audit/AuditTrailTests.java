package io.skyport.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.invoicing.InvoicingFixtures;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail against the real application and database: each audited action leaves an entry with the right
 * actor, target, source address and user agent; entries cannot be changed; each organisation sees only its own.
 */
@SkyportIntegrationTest
class AuditTrailTests {

	static final String AGENT = "audit-test/1.0 (like Gecko)";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	InvoicingFixtures billing;

	String address;

	@BeforeEach
	void freshAddress() {
		address = "198.51." + ThreadLocalRandom.current().nextInt(0, 256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
	}

	@Nested
	class SigningIn {

		@Test
		void a_failed_sign_in_is_recorded_with_the_attempted_email_the_account_and_the_address() {
			TestUser customer = accounts.customer();

			assertThat(createToken(customer.email(), "not the password at all")).hasStatus(401);

			Map<String, Object> entry = only("auth.signin.failed", "actor_email", customer.email());
			assertThat(entry)
				.containsEntry("outcome", "FAILURE")
				.containsEntry("actor_role", "ANONYMOUS")
				.containsEntry("actor_user_id", null)
				.containsEntry("organisation_id", customer.user().organisationId().id())
				.containsEntry("target_type", "user")
				.containsEntry("target_id", customer.user().userId().id().toString())
				.containsEntry("source_address", address)
				.containsEntry("user_agent", AGENT);
			assertThat(entry.get("details").toString()).contains("\"reason\": \"bad-credentials\"")
				.contains("\"mechanism\": \"password\"").doesNotContain("not the password");
		}

		@Test
		void a_failed_sign_in_with_an_unknown_address_is_recorded_with_that_address() {
			String unknown = TestData.uniqueEmail();

			assertThat(createToken("  " + unknown.toUpperCase() + " ", TestData.PASSWORD)).hasStatus(401);

			assertThat(only("auth.signin.failed", "actor_email", unknown))
				.containsEntry("organisation_id", null)
				.containsEntry("target_type", null)
				.containsEntry("source_address", address);
		}

		@Test
		void creating_a_token_with_a_password_records_the_sign_in_and_the_token() {
			TestUser customer = accounts.customer();

			MvcTestResult created = createToken(customer.email(), TestData.PASSWORD);

			assertThat(created).hasStatus(201);
			String tokenId = JsonPath.read(body(created), "$.id");
			String secret = JsonPath.read(body(created), "$.token");
			assertThat(only("auth.signin.succeeded", "actor_email", customer.email()))
				.containsEntry("actor_user_id", customer.user().userId().id())
				.containsEntry("actor_role", "CUSTOMER")
				.containsEntry("actor_organisation_id", customer.user().organisationId().id())
				.containsEntry("source_address", address);
			Map<String, Object> token = only("token.created", "target_id", tokenId);
			assertThat(token)
				.containsEntry("actor_user_id", customer.user().userId().id())
				.containsEntry("target_type", "api-token")
				.containsEntry("target_label", "laptop")
				.containsEntry("source_address", address);
			assertThat(token.toString()).doesNotContain(secret);
		}

		@Test
		void signing_in_and_out_of_the_panel_is_recorded() {
			TestUser vendor = accounts.vendor();

			MvcTestResult signedIn = as(mvc.post().uri("/login").with(csrf()).param("username", vendor.email())
				.param("password", TestData.PASSWORD)).exchange();
			assertThat(signedIn).hasRedirectedUrl("/panel");
			MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
			assertThat(as(mvc.post().uri("/logout").session(session).with(csrf())).exchange()).hasStatus3xxRedirection();

			assertThat(only("auth.signin.succeeded", "actor_email", vendor.email()))
				.containsEntry("actor_role", "VENDOR").containsEntry("source_address", address);
			assertThat(only("auth.signout", "actor_email", vendor.email()))
				.containsEntry("actor_user_id", vendor.user().userId().id()).containsEntry("source_address", address);
		}
	}

	@Nested
	class AccountActions {

		@Test
		void revoking_a_token_is_recorded() {
			TestUser customer = accounts.customer();
			String tokenId = JsonPath.read(body(createToken(customer.email(), TestData.PASSWORD)), "$.id");

			assertThat(as(mvc.delete().uri("/api/v1/auth/tokens/{id}", tokenId), customer).exchange()).hasStatus(204);

			assertThat(only("token.revoked", "target_id", tokenId))
				.containsEntry("actor_user_id", customer.user().userId().id())
				.containsEntry("target_label", "laptop")
				.containsEntry("source_address", address)
				.containsEntry("user_agent", AGENT);
		}

		@Test
		void adding_and_removing_an_ssh_key_is_recorded_with_its_fingerprint() throws IOException {
			TestUser customer = accounts.customer();
			MvcTestResult added = send("POST", "/api/v1/ssh-keys", Map.of("name", "work laptop", "publicKey",
					resource("/ssh-keys/id_ed25519.pub")), customer);
			assertThat(added).hasStatus(201);
			String keyId = JsonPath.read(body(added), "$.id");
			String fingerprint = JsonPath.read(body(added), "$.fingerprint");

			assertThat(send("DELETE", "/api/v1/ssh-keys/" + keyId, null, customer)).hasStatus(204);

			for (String action : List.of("ssh-key.added", "ssh-key.removed")) {
				Map<String, Object> entry = only(action, "target_id", keyId);
				assertThat(entry).containsEntry("actor_user_id", customer.user().userId().id())
					.containsEntry("organisation_id", customer.user().organisationId().id())
					.containsEntry("target_label", "work laptop")
					.containsEntry("source_address", address);
				assertThat(entry.get("details").toString()).contains(fingerprint);
			}
		}

		@Test
		void changing_the_password_is_recorded_without_any_password() {
			TestUser customer = accounts.customer();
			MockHttpSession session = session(customer);
			String newPassword = "a much better passphrase 42";

			assertThat(as(mvc.post().uri("/panel/account/password").session(session).with(csrf())
				.param("currentPassword", TestData.PASSWORD).param("newPassword", newPassword)
				.param("confirmPassword", newPassword)).exchange()).hasStatus3xxRedirection();

			Map<String, Object> entry = only("password.changed", "target_id", customer.user().userId().id().toString());
			assertThat(entry).containsEntry("actor_user_id", customer.user().userId().id())
				.containsEntry("source_address", address);
			assertThat(entry.toString()).doesNotContain(newPassword).doesNotContain(TestData.PASSWORD);
		}

		@Test
		void approving_and_rejecting_partner_sign_ups_is_recorded_with_the_operator() {
			TestUser operator = accounts.operator();
			String vendor = TestData.uniqueEmail();
			String reseller = TestData.uniqueEmail();
			for (var request : List.of(Map.of("type", "VENDOR", "email", vendor), Map.of("type", "RESELLER", "email", reseller))) {
				assertThat(mvc.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
					.content(json.writeValueAsString(Map.of("type", request.get("type"), "organisationName",
							"Partner " + request.get("email"), "name", "Pat", "email", request.get("email"), "password",
							TestData.PASSWORD)))).hasStatus2xxSuccessful();
			}
			String vendorRequest = requestId(vendor, operator);
			String resellerRequest = requestId(reseller, operator);

			assertThat(send("POST", "/api/v1/admin/signup-requests/" + vendorRequest + "/approve", null, operator))
				.hasStatusOk();
			assertThat(send("POST", "/api/v1/admin/signup-requests/" + resellerRequest + "/reject",
					Map.of("reason", "No company register entry."), operator)).hasStatus(204);

			assertThat(only("signup.approved", "target_id", vendorRequest))
				.containsEntry("actor_user_id", operator.user().userId().id())
				.containsEntry("actor_role", "OPERATOR")
				.containsEntry("target_label", "Partner " + vendor + " <" + vendor + ">")
				.containsEntry("source_address", address);
			assertThat(only("signup.rejected", "target_id", resellerRequest).get("details").toString())
				.contains("No company register entry.").contains("RESELLER");
			assertThat(only("account.created", "actor_email", operator.email()))
				.containsEntry("target_label", vendor);
		}

		private String requestId(String email, TestUser operator) {
			List<String> ids = JsonPath.read(body(send("GET", "/api/v1/admin/signup-requests", null, operator)),
					"$[?(@.email == '" + email + "')].id");
			return ids.getFirst();
		}
	}

	@Nested
	class OperatorActions {

		TestUser operator;

		@BeforeEach
		void operator() {
			operator = accounts.operator();
		}

		@Test
		void node_changes_are_recorded_with_the_operator_and_the_node() {
			String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
			MvcTestResult created = send("POST", "/api/v1/compute/nodes", node(name), operator);
			assertThat(created).hasStatus(201);
			String id = JsonPath.read(body(created), "$.id");
			assertThat(send("PUT", "/api/v1/compute/nodes/" + id, node(name + "-b"), operator)).hasStatusOk();
			for (String action : List.of("disable", "enable", "drain")) {
				assertThat(send("POST", "/api/v1/compute/nodes/" + id + "/actions", Map.of("action", action), operator))
					.hasStatusOk();
			}
			assertThat(send("DELETE", "/api/v1/compute/nodes/" + id, null, operator)).hasStatus(204);

			for (String action : List.of("node.created", "node.updated", "node.disabled", "node.enabled", "node.drained",
					"node.deleted")) {
				assertThat(only(action, "target_id", id)).as(action)
					.containsEntry("actor_user_id", operator.user().userId().id())
					.containsEntry("actor_role", "OPERATOR")
					.containsEntry("target_type", "node")
					.containsEntry("source_address", address);
			}
			assertThat(only("node.deleted", "target_id", id)).containsEntry("target_label", name + "-b");
		}

		@Test
		void enrolment_tokens_and_enrolled_nodes_are_recorded() {
			MvcTestResult issued = send("POST", "/api/v1/compute/enrolment-tokens", Map.of("name", "rack 7"), operator);
			assertThat(issued).hasStatus(201);
			String tokenId = JsonPath.read(body(issued), "$.id");
			String secret = JsonPath.read(body(issued), "$.token");
			String name = "enrolled-" + UUID.randomUUID().toString().substring(0, 8);
			MvcTestResult enrolled = as(mvc.post().uri("/api/v1/compute/nodes/enrol")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("name", name, "uri", "test:///nonexistent/skyport-audit.xml",
						"region", "local", "virtType", "qemu", "vcpus", 2, "memoryMib", 2048, "diskGib", 20))))
				.exchange();
			assertThat(enrolled).hasStatus(201);
			String nodeId = JsonPath.read(body(enrolled), "$.id");
			assertThat(send("DELETE", "/api/v1/compute/enrolment-tokens/" + tokenId, null, operator))
				.hasStatus2xxSuccessful();

			assertThat(only("enrolment-token.created", "target_id", tokenId))
				.containsEntry("actor_user_id", operator.user().userId().id()).containsEntry("target_label", "rack 7");
			assertThat(only("node.enrolled", "target_id", nodeId))
				.containsEntry("actor_role", "ANONYMOUS")
				.containsEntry("target_label", name)
				.containsEntry("source_address", address);
			assertThat(only("enrolment-token.revoked", "target_id", tokenId))
				.containsEntry("actor_user_id", operator.user().userId().id());
			assertThat(jdbc.sql("select count(*) from audit_entries where details::text like :secret")
				.param("secret", "%" + secret + "%").query(Long.class).single()).isZero();
		}

		@Test
		void image_changes_are_recorded() {
			String name = "Audit image " + UUID.randomUUID();
			Map<String, Object> image = Map.of("name", name, "osFamily", "DEBIAN", "source", "default/debian-12.qcow2",
					"defaultSshUser", "debian", "minDiskGib", 10);
			String id = JsonPath.read(body(send("POST", "/api/v1/admin/images", image, operator)), "$.id");
			assertThat(send("PUT", "/api/v1/admin/images/" + id, Map.of("name", name + " (new)", "osFamily", "DEBIAN",
					"source", "default/debian-12.qcow2", "defaultSshUser", "debian", "minDiskGib", 12), operator))
				.hasStatusOk();
			assertThat(send("POST", "/api/v1/admin/images/" + id + "/deprecate", null, operator)).hasStatusOk();
			assertThat(send("POST", "/api/v1/admin/images/" + id + "/restore", null, operator)).hasStatusOk();

			for (String action : List.of("image.created", "image.updated", "image.deprecated", "image.restored")) {
				assertThat(only(action, "target_id", id)).as(action)
					.containsEntry("actor_user_id", operator.user().userId().id())
					.containsEntry("target_type", "image")
					.containsEntry("source_address", address);
			}
			assertThat(only("image.restored", "target_id", id)).containsEntry("target_label", name + " (new)");
		}

		@Test
		void invoice_runs_payments_and_credit_notes_are_recorded() {
			InvoicingFixtures.Customer customer = billing.customer();
			LocalDate today = billing.today();
			billing.subscription(customer, "30.00", "EUR", today);
			MvcTestResult run = send("POST", "/api/v1/billing/runs", Map.of("asOf", today.toString(), "dryRun", false),
					operator);
			assertThat(run).hasStatus(201);
			String runId = JsonPath.read(body(run), "$.runId");
			List<String> invoices = JsonPath.read(body(send("GET", "/api/v1/invoices", null, customer.user())),
					"$[*].id");
			String invoice = invoices.getFirst();
			String number = JsonPath.read(body(send("GET", "/api/v1/invoices/" + invoice, null, customer.user())),
					"$.number");

			assertThat(send("POST", "/api/v1/invoices/" + invoice + "/payments",
					Map.of("amount", "35.70", "paidOn", today.toString(), "reference", "bank 4711"), operator))
				.hasStatus(201);

			assertThat(only("invoice-run.finished", "target_id", runId))
				.containsEntry("actor_user_id", operator.user().userId().id())
				.containsEntry("source_address", address);
			Map<String, Object> payment = only("payment.recorded", "target_id", invoice);
			assertThat(payment)
				.containsEntry("actor_user_id", operator.user().userId().id())
				.containsEntry("organisation_id", customer.organisationId())
				.containsEntry("target_label", number)
				.containsEntry("source_address", address);
			assertThat(payment.get("details").toString()).contains("35.70").contains("EUR");

			InvoicingFixtures.Customer other = billing.customer();
			billing.subscription(other, "10.00", "EUR", today);
			assertThat(send("POST", "/api/v1/billing/runs", Map.of("asOf", today.toString(), "dryRun", false), operator))
				.hasStatus(201);
			String toCredit = JsonPath.<List<String>>read(body(send("GET", "/api/v1/invoices", null, other.user())),
					"$[*].id").getFirst();
			MvcTestResult credited = send("POST", "/api/v1/invoices/" + toCredit + "/credit-note",
					Map.of("reason", "Ordered by mistake"), operator);
			assertThat(credited).hasStatus(201);
			String creditNote = JsonPath.read(body(credited), "$.id");
			assertThat(only("credit-note.issued", "target_id", creditNote))
				.containsEntry("actor_user_id", operator.user().userId().id())
				.containsEntry("organisation_id", other.organisationId());
		}
	}

	@Nested
	class AppendOnly {

		@Test
		void the_database_refuses_to_change_or_delete_an_entry() {
			TestUser customer = accounts.customer();
			createToken(customer.email(), "wrong password here");
			UUID id = (UUID) only("auth.signin.failed", "actor_email", customer.email()).get("id");

			assertThatThrownBy(() -> jdbc.sql("update audit_entries set actor_email = 'someone@else.test' where id = :id")
				.param("id", id).update()).rootCause().hasMessageContaining("audit_entries is append-only: UPDATE");
			assertThatThrownBy(() -> jdbc.sql("delete from audit_entries where id = :id").param("id", id).update())
				.rootCause().hasMessageContaining("append-only: DELETE");
			assertThatThrownBy(() -> jdbc.sql("truncate audit_entries").update()).rootCause()
				.hasMessageContaining("append-only: TRUNCATE");
			assertThat(only("auth.signin.failed", "actor_email", customer.email())).containsEntry("id", id);
		}
	}

	@Nested
	class Reading {

		@Test
		void a_customer_sees_only_their_organisations_entries() {
			TestUser alice = accounts.customer();
			TestUser bob = accounts.customer();
			createToken(alice.email(), TestData.PASSWORD);
			createToken(bob.email(), TestData.PASSWORD);
			UUID bobsEntry = (UUID) only("token.created", "actor_email", bob.email(), "laptop").get("id");
			UUID alicesEntry = (UUID) only("token.created", "actor_email", alice.email(), "laptop").get("id");

			MvcTestResult own = send("GET", "/api/v1/audit?size=200", null, alice);
			assertThat(own).hasStatusOk();
			List<String> actors = JsonPath.read(body(own), "$.entries[*].actor.email");
			assertThat(actors).contains(alice.email()).doesNotContain(bob.email());
			List<String> organisations = JsonPath.read(body(own), "$.entries[*].actor.organisationId");
			assertThat(organisations).containsOnly(alice.user().organisationId().id().toString());

			assertThat(send("GET", "/api/v1/audit/" + bobsEntry, null, alice)).hasStatus(404);
			assertThat(send("GET", "/api/v1/audit/" + alicesEntry, null, alice)).hasStatusOk().bodyJson()
				.extractingPath("$.action").isEqualTo("token.created");
			assertThat(send("GET", "/api/v1/audit?actor=" + bob.email(), null, alice)).hasStatusOk().bodyJson()
				.extractingPath("$.entries").asArray().isEmpty();
			assertThat(send("GET", "/api/v1/admin/audit", null, alice)).hasStatus(403);
			assertThat(send("GET", "/api/v1/admin/audit/" + bobsEntry, null, alice)).hasStatus(403);
		}

		@Test
		void a_customer_sees_failed_sign_ins_with_their_address_and_operators_actions_on_their_invoices() {
			TestUser customer = accounts.customer();
			createToken(customer.email(), "somebody guessing");

			assertThat(send("GET", "/api/v1/audit?action=auth.signin.failed", null, customer)).hasStatusOk().bodyJson()
				.extractingPath("$.entries[0].actor.email").isEqualTo(customer.email());
		}

		@Test
		void operators_filter_the_whole_trail() {
			TestUser operator = accounts.operator();
			TestUser customer = accounts.customer();
			createToken(customer.email(), "wrong one");
			createToken(customer.email(), TestData.PASSWORD);
			String org = customer.user().organisationId().id().toString();

			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org, null, operator)))
				.containsExactly("token.created", "auth.signin.succeeded", "auth.signin.failed", "token.created",
						"account.created");
			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org + "&action=auth", null, operator)))
				.containsOnly("auth.signin.failed", "auth.signin.succeeded");
			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org + "&action=auth.signin.failed",
					null, operator))).containsExactly("auth.signin.failed");
			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org + "&outcome=failure", null,
					operator))).containsExactly("auth.signin.failed");
			assertThat(actions(send("GET", "/api/v1/admin/audit?actor=" + customer.email().toUpperCase()
					+ "&targetType=api-token", null, operator))).containsExactly("token.created", "token.created");
			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org + "&to=2020-01-01", null,
					operator))).isEmpty();
			assertThat(actions(send("GET", "/api/v1/admin/audit?organisation=" + org + "&from="
					+ LocalDate.now().minusDays(1) + "&to=" + LocalDate.now().plusDays(1), null, operator))).hasSize(5);

			MvcTestResult first = send("GET", "/api/v1/admin/audit?organisation=" + org + "&size=2", null, operator);
			assertThat(first).bodyJson().extractingPath("$.hasMore").isEqualTo(true);
			MvcTestResult last = send("GET", "/api/v1/admin/audit?organisation=" + org + "&size=2&page=2", null,
					operator);
			assertThat(last).bodyJson().extractingPath("$.hasMore").isEqualTo(false);
			assertThat(actions(last)).containsExactly("account.created");
		}

		@Test
		void bad_filter_values_are_a_400_naming_each_field() {
			TestUser operator = accounts.operator();

			MvcTestResult bad = as(mvc.get().uri("/api/v1/admin/audit").param("from", "yesterday")
				.param("outcome", "MAYBE").param("organisation", "acme").param("action", "DROP TABLE")
				.param("targetType", "no/such"), operator).exchange();

			assertThat(bad).hasStatus(400);
			assertThat(bad.getResponse().getContentType()).startsWith("application/problem+json");
			assertThat(bad).bodyJson().extractingPath("$.errors[*].field").asArray()
				.contains("from", "outcome", "organisation", "action", "targetType");
			assertThat(send("GET", "/api/v1/admin/audit?size=0", null, operator)).hasStatus(400).bodyJson()
				.extractingPath("$.errors[0].field").isEqualTo("size");
			assertThat(send("GET", "/api/v1/admin/audit?from=2026-12-08&to=2026-12-01", null, operator)).hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("to");
			assertThat(as(mvc.get().uri("/api/v1/audit").param("actor", "a\u0000b"), operator).exchange()).hasStatus(400)
				.bodyJson().extractingPath("$.errors[0].field").isEqualTo("actor");
			assertThat(send("GET", "/api/v1/admin/audit/not-a-uuid", null, operator)).hasStatus(400);
		}
	}

	@Nested
	class Export {

		@Test
		void the_csv_export_escapes_cells_and_defuses_formulas() {
			TestUser operator = accounts.operator();
			String formula = "=HYPERLINK(\"http://evil.test\",\"x\")," + UUID.randomUUID() + "@evil.test";
			assertThat(as(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.USER_AGENT, "-2+3 curl")
				.content(json.writeValueAsString(Map.of("email", formula, "password", "x", "name", "n")))).exchange())
				.hasStatus(401);

			MvcTestResult csv = as(mvc.get().uri("/api/v1/admin/audit.csv?action=auth.signin.failed&actor="
					+ formula.substring(formula.indexOf(',') + 1)), operator).exchange();

			assertThat(csv).hasStatusOk();
			assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
			assertThat(csv.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
				.contains(".csv");
			List<String> lines = body(csv).lines().toList();
			assertThat(lines).hasSize(2);
			assertThat(lines.getFirst()).startsWith("occurred_at,id,action,outcome,actor_email,");
			assertThat(lines.get(1))
				.contains(",auth.signin.failed,FAILURE,\"'" + formula.toLowerCase().replace("\"", "\"\"") + "\",")
				.contains(",'-2+3 curl,")
				.contains(",\"{\"\"reason\"\": \"\"bad-credentials\"\"");
			assertThat(body(csv)).contains("\r\n");
		}

		@Test
		void accept_text_csv_exports_and_customers_export_their_own_entries_only() {
			TestUser customer = accounts.customer();
			TestUser other = accounts.customer();
			createToken(customer.email(), TestData.PASSWORD);
			createToken(other.email(), TestData.PASSWORD);

			MvcTestResult csv = as(mvc.get().uri("/api/v1/audit").accept("text/csv"), customer).exchange();

			assertThat(csv).hasStatusOk();
			assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
			assertThat(body(csv)).contains(customer.email()).contains("token.created").doesNotContain(other.email());
			assertThat(as(mvc.get().uri("/api/v1/admin/audit").accept("text/csv"), customer).exchange()).hasStatus(403);
		}

		@Test
		void a_bad_filter_on_an_export_is_a_problem_document() {
			TestUser operator = accounts.operator();

			MvcTestResult bad = as(mvc.get().uri("/api/v1/admin/audit.csv?outcome=perhaps"), operator).exchange();

			assertThat(bad).hasStatus(400);
			assertThat(body(bad)).contains("outcome");
		}
	}

	// Helpers

	private List<String> actions(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return JsonPath.read(body(result), "$.entries[*].action");
	}

	/** The one entry with this action whose column has this value. */
	private Map<String, Object> only(String action, String column, Object value) {
		return only(action, column, value, null);
	}

	/** The one entry with this action whose column has this value (and target label, if given). */
	private Map<String, Object> only(String action, String column, Object value, @Nullable String label) {
		List<Map<String, Object>> rows = jdbc.sql("select *, details::text as details from audit_entries "
				+ "where action = :action and " + column + " = :value"
				+ (label == null ? "" : " and target_label = :label"))
			.param("action", action)
			.param("value", value)
			.param("label", label)
			.query()
			.listOfRows();
		assertThat(rows).as(action + " with " + column + " = " + value).hasSize(1);
		return rows.getFirst();
	}

	private MvcTestResult createToken(String email, String password) {
		return as(mvc.post().uri("/api/v1/auth/tokens").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("email", email, "password", password, "name", "laptop"))))
			.exchange();
	}

	private MvcTestResult send(String method, String uri, @Nullable Object body, TestUser user) {
		MockMvcRequestBuilder request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return as(request, user).exchange();
	}

	private MockMvcRequestBuilder as(MockMvcRequestBuilder request, TestUser user) {
		return as(request.header(HttpHeaders.AUTHORIZATION, user.bearer()));
	}

	/** From this test's source address, with a known user agent (unless one is set). */
	private MockMvcRequestBuilder as(MockMvcRequestBuilder request) {
		return request.with((MockHttpServletRequest r) -> {
			r.setRemoteAddr(address);
			if (r.getHeader(HttpHeaders.USER_AGENT) == null) {
				r.addHeader(HttpHeaders.USER_AGENT, AGENT);
			}
			return r;
		});
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = as(mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD)).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	static Map<String, Object> node(String name) {
		Map<String, Object> node = new java.util.LinkedHashMap<>();
		node.put("name", name);
		node.put("uri", "test:///default");
		node.put("region", "audit-test");
		node.put("virtType", "QEMU");
		node.put("vcpus", 8);
		node.put("memoryMib", 16384);
		node.put("diskGib", 200);
		node.put("storagePool", "default-pool");
		return node;
	}

	static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String path) throws IOException {
		try (InputStream in = AuditTrailTests.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
