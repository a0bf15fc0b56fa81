package io.skyport.compute.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.NodeId;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' placement API: dry runs and regions.
 */
@SkyportIntegrationTest
class PlacementApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	TestRegion region;
	TestUser operator;

	@BeforeEach
	void region() {
		region = new TestRegion(jdbc, "api");
		operator = accounts.operator();
	}

	@AfterEach
	void cleanUp() {
		region.close();
	}

	@Test
	void a_dry_run_lists_the_nodes_in_order_says_why_the_rest_does_not_fit_and_reserves_nothing() {
		NodeId a = region.node("a", 4, 8192, 100);
		NodeId b = region.node("b", 4, 4096, 100);

		MvcTestResult result = send(HttpMethod.POST, "/api/v1/compute/placements/dry-run",
				dryRun(2, 4096, 20, 4), operator);

		var body = assertThat(result).hasStatusOk().bodyJson();
		body.extractingPath("$.region").isEqualTo(region.name());
		body.extractingPath("$.weigher").isEqualTo("SPREAD");
		body.extractingPath("$.requested").isEqualTo(4);
		body.extractingPath("$.placed").isEqualTo(3);
		body.extractingPath("$.unplaced").isEqualTo(1);
		body.extractingPath("$.placements[*].nodeName").asArray()
			.containsExactly(region.nodeName("a"), region.nodeName("b"), region.nodeName("a"));
		body.extractingPath("$.placements[0].nodeId").isEqualTo(a.id().toString());
		body.extractingPath("$.reason")
			.isEqualTo("No node in region " + region.name() + " has 4 GiB RAM free (largest free: 0 GiB).");
		assertThat(region.used(a)).isEqualTo(Resources.NONE);
		assertThat(region.used(b)).isEqualTo(Resources.NONE);
		assertThat(region.allocations()).isZero();
	}

	@Test
	void a_dry_run_that_fits_entirely_has_no_reason() {
		region.node("a", 4, 8192, 100);

		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", dryRun(1, 1024, 10, 2), operator))
			.hasStatusOk().bodyJson().doesNotHavePath("$.reason");
	}

	@Test
	void bad_dry_runs_are_refused_with_a_message_per_field() {
		region.node("a", 4, 8192, 100);

		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", dryRun(0, 0, -1, 1001), operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[*].field").asArray()
			.containsExactly("vcpus", "memoryMib", "diskGib", "count");
		Map<String, Object> nowhere = dryRun(1, 1024, 10, 1);
		nowhere.put("region", "nowhere");
		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", nowhere, operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0]").asMap()
			.containsEntry("field", "region")
			.hasEntrySatisfying("message", message -> assertThat((String) message)
				.startsWith("Unknown region 'nowhere'. Regions: ").contains(region.name()));
		Map<String, Object> letters = dryRun(1, 1024, 10, 1);
		letters.put("count", "many");
		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", letters, operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("count");
	}

	@Test
	void only_operators_plan_capacity() {
		TestUser customer = accounts.customer();

		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", dryRun(1, 1024, 10, 1), customer))
			.hasStatus(403);
		assertThat(send(HttpMethod.GET, "/api/v1/compute/regions", null, customer)).hasStatus(403);
		assertThat(send(HttpMethod.PUT, "/api/v1/compute/regions/" + region.name(), Map.of("weigher", "PACK"),
				customer)).hasStatus(403);
		assertThat(mvc.get().uri("/api/v1/compute/regions").exchange()).hasStatus(401);
	}

	@Test
	void regions_show_totals_after_overcommit_and_the_weigher_can_be_changed() {
		region.node("a", 4, 8192, 100);
		region.node("b", "DOWN", 2, 4096, 50, new java.math.BigDecimal("2.0"), java.math.BigDecimal.ONE,
				java.math.BigDecimal.ONE);

		var listed = assertThat(send(HttpMethod.GET, "/api/v1/compute/regions", null, operator)).hasStatusOk()
			.bodyJson();
		String mine = "$[?(@.name == '" + region.name() + "')]";
		listed.extractingPath(mine + ".weigher").asArray().containsExactly("SPREAD");
		listed.extractingPath(mine + ".nodes").asArray().containsExactly(2);
		listed.extractingPath(mine + ".nodesUp").asArray().containsExactly(1);
		listed.extractingPath(mine + ".capacity.vcpus").asArray().containsExactly(20);
		listed.extractingPath(mine + ".capacity.memoryMib").asArray().containsExactly(12288);
		listed.extractingPath(mine + ".free.vcpus").asArray().containsExactly(16);
		listed.extractingPath(mine + ".free.diskGib").asArray().containsExactly(100);

		assertThat(send(HttpMethod.PUT, "/api/v1/compute/regions/" + region.name(),
				Map.of("weigher", "pack", "description", "Lab rack"), operator))
			.hasStatusOk().bodyJson().extractingPath("$.weigher").isEqualTo("PACK");
		assertThat(send(HttpMethod.POST, "/api/v1/compute/placements/dry-run", dryRun(1, 1024, 10, 1), operator))
			.hasStatusOk().bodyJson().extractingPath("$.weigher").isEqualTo("PACK");
		assertThat(send(HttpMethod.PUT, "/api/v1/compute/regions/" + region.name(), Map.of("weigher", "random"),
				operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("weigher");
		assertThat(send(HttpMethod.PUT, "/api/v1/compute/regions/-bad!", Map.of("weigher", "PACK"), operator))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
	}

	private Map<String, Object> dryRun(int vcpus, long memoryMib, long diskGib, int count) {
		Map<String, Object> body = new HashMap<>();
		body.put("region", region.name());
		body.put("vcpus", vcpus);
		body.put("memoryMib", memoryMib);
		body.put("diskGib", diskGib);
		body.put("count", count);
		return body;
	}

	private MvcTestResult send(HttpMethod method, String uri, Object body, TestUser user) {
		var request = mvc.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}
}
