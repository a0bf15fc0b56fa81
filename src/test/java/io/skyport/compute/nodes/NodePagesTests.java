package io.skyport.compute.nodes;

import static io.skyport.compute.nodes.NodeApiTests.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;

/**
 * The operators' node and enrolment token pages, through the forms a browser submits.
 */
@SkyportIntegrationTest
class NodePagesTests {

	static final String NODES = "/panel/admin/nodes";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HostProbe probe;

	MockHttpSession operator;

	@BeforeEach
	void operator() {
		operator = session(accounts.operator());
	}

	@Test
	void an_operator_adds_a_node_sees_it_listed_and_disables_it() {
		String name = unique("page");
		MvcTestResult created = post(NODES + "/new", form(name, "test:///default", "8")).exchange();

		assertThat(created).hasStatus3xxRedirection().flash().containsKey("notice");
		String detail = created.getResponse().getRedirectedUrl();
		assertThat(page(detail)).contains(name).contains("test:///default").contains("Capacity set by an operator")
			.contains(">Check now<").contains(">Disable<").contains("Delete this node…");
		assertThat(page(NODES)).contains(name).contains("Compute nodes").contains("0 / 32");

		assertThat(post(detail + "/actions").param("action", "disable")).hasStatus3xxRedirection()
			.flash().containsEntry("notice", "The node " + name + " is disabled: it is not probed and takes no new instances.");
		assertThat(page(detail)).contains(">disabled<").contains(">Enable<");
	}

	@Test
	void a_bad_form_shows_each_problem_next_to_its_field_and_keeps_what_was_typed() {
		MvcTestResult result = post(NODES + "/new", form("hv-typo", "qemu:///root", "lots")).exchange();

		assertThat(result).hasStatusOk().body().asString()
			.contains("Nothing was saved.")
			.contains("&#39;lots&#39; is not a whole number.")
			.contains("value=\"hv-typo\"")
			.contains("value=\"qemu:///root\"");

		MvcTestResult uri = post(NODES + "/new", form("hv-typo", "qemu:///root", "8")).exchange();
		assertThat(uri).hasStatusOk().body().asString().contains("id=\"uri-error\"")
			.contains("A QEMU URI ends in /system (the system daemon) or /session (the user&#39;s own)")
			.contains("aria-invalid=\"true\"");
	}

	@Test
	void deleting_a_node_with_instances_shows_why_it_was_refused() {
		String name = unique("busy");
		String detail = post(NODES + "/new", form(name, "test:///default", "4")).exchange().getResponse().getRedirectedUrl();
		UUID nodeId = UUID.fromString(detail.substring(NODES.length() + 1));
		instanceOn(nodeId, "web-1");

		assertThat(post(detail + "/delete")).hasStatus3xxRedirection().hasRedirectedUrl(detail).flash()
			.containsEntry("problem", "The node " + name + " still runs 1 instance: web-1. "
					+ "Delete them or move them to another node first.");
	}

	@Test
	void the_page_says_why_compute_is_unavailable_when_it_is() {
		ProviderAvailability availability = probe.availability();
		String page = page(NODES);
		if (availability.available()) {
			assertThat(page).doesNotContain("Compute is unavailable");
		}
		else {
			assertThat(page).contains("Compute is unavailable:").contains(availability.reason());
		}
	}

	@Test
	void an_enrolment_token_is_shown_once_on_its_page() {
		MvcTestResult created = post(NODES + "/enrolment-tokens").param("name", "rack 9").param("validHours", "12")
			.exchange();
		assertThat(created).hasStatus3xxRedirection().flash().containsKey("issuedToken");
		String token = (String) created.getMvcResult().getFlashMap().get("issuedToken");

		assertThat(page(NODES + "/enrolment-tokens")).contains(token).contains("will not be shown again")
			.contains("ENROLMENT_TOKEN=<span>" + token + "</span>");
		assertThat(page(NODES + "/enrolment-tokens")).doesNotContain(token).contains("rack 9")
			.contains(token.substring(0, 9) + "…");

		assertThat(post(NODES + "/enrolment-tokens").param("name", "").param("validHours", "1000").exchange())
			.hasStatusOk().body().asString().contains("A token is valid for 1 to 720 hours");
	}

	@Test
	void other_roles_do_not_see_the_node_pages() {
		assertThat(mvc.get().uri(NODES).session(session(accounts.customer()))).hasStatus(403);
		assertThat(mvc.get().uri(NODES + "/enrolment-tokens").session(session(accounts.vendor()))).hasStatus(403);
	}

	private void instanceOn(UUID nodeId, String name) {
		UUID organisation = accounts.customer().user().organisationId().id();
		UUID project = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("insert into compute_projects (id, organisation_id, name, created_at, updated_at) values (:id, :org, 'p', :now, :now)")
			.param("id", project).param("org", organisation).param("now", now).update();
		jdbc.sql("""
				insert into compute_instances (id, organisation_id, project_id, name, region, vcpus, memory_mib,
				  root_disk_gib, image_id, state, node_id, machine_name, created_at, updated_at)
				values (:id, :org, :project, :name, 'local', 1, 512, 10, :image, 'RUNNING', :node, 'm', :now, :now)""")
			.param("id", UUID.randomUUID()).param("org", organisation).param("project", project).param("name", name)
			.param("image", compute.image(10).id().id()).param("node", nodeId).param("now", now).update();
	}

	private static String[][] form(String name, String uri, String vcpus) {
		return new String[][] { { "name", name }, { "uri", uri }, { "region", "local" }, { "virtType", "QEMU" },
				{ "vcpus", vcpus }, { "memoryMib", "8192" }, { "diskGib", "100" }, { "cpuRatio", "4.0" },
				{ "ramRatio", "1.0" }, { "diskRatio", "1.0" }, { "networkMode", "USER" }, { "networkSource", "" },
				{ "storagePool", "default-pool" }, { "datasourceBaseUrl", "" } };
	}

	private MockMvcRequestBuilder post(String uri) {
		return mvc.post().uri(uri).session(operator).with(csrf());
	}

	private MockMvcRequestBuilder post(String uri, String[][] fields) {
		MockMvcRequestBuilder request = post(uri);
		for (String[] field : fields) {
			request.param(field[0], field[1]);
		}
		return request;
	}

	private String page(String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(operator).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
