package io.skyport.compute.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeFixtures;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.NodeId;
import io.skyport.compute.OrphanRemoved;
import io.skyport.testing.SkyportIntegrationTest;
import io.skyport.testing.TestData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reconciler on libvirt's real test hypervisor ({@code test:///default}, whose state every connection of this
 * process shares): domains and volumes made or removed behind Skyport's back through a libvirt connection of the
 * test's own are reported, and removed when removal is on.
 */
@SkyportIntegrationTest
@RecordApplicationEvents
class ReconcilerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	ComputeInstances instances;

	@Autowired
	Reconciler reconciler;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	Connect libvirt;
	TestUser operator;
	TestUser customer;
	ImageSummary image;
	String region;
	NodeId node;

	@BeforeEach
	void nodeAndHypervisor() throws Exception {
		libvirt = new Connect("test:///default");
		operator = accounts.operator();
		customer = accounts.customer();
		image = compute.image(1);
		region = "drift-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new HashMap<>();
		body.put("name", "node-" + region);
		body.put("uri", "test:///default");
		body.put("region", region);
		body.put("virtType", "QEMU");
		body.put("storagePool", "default-pool");
		body.put("simulateGuest", false);
		MvcTestResult created = mvc.post().uri("/api/v1/compute/nodes").header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).exchange();
		assertThat(created).hasStatus(201);
		node = new NodeId(UUID.fromString(JsonPath.read(created.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id")));
	}

	@AfterEach
	void close() throws LibvirtException {
		libvirt.close();
	}

	@Test
	void a_domain_defined_behind_skyports_back_is_an_orphan_and_one_it_did_not_name_is_foreign() throws Exception {
		String orphan = "skyport-" + UUID.randomUUID();
		String foreign = "hand-made-" + UUID.randomUUID().toString().substring(0, 8);
		define(orphan);
		define(foreign);
		String orphanVolume = "skyport-" + UUID.randomUUID() + "-data";
		volume(orphanVolume);

		reconciler.reconcile(Set.of(node), null);

		String drift = api("/api/v1/compute/drift", operator);
		assertThat(mine(drift, "ORPHAN_MACHINE")).contains(orphan);
		assertThat(mine(drift, "FOREIGN_MACHINE")).contains(foreign, "test");
		assertThat(mine(drift, "ORPHAN_VOLUME")).contains(orphanVolume);
		String firstSeen = field(drift, orphan, "firstSeenAt");
		assertThat(field(drift, orphan, "instanceId")).isEqualTo(orphan.substring("skyport-".length()));
		assertThat(field(drift, orphan, "node")).isEqualTo("node-" + region);
		assertThat(field(drift, orphan, "detail")).contains("no instance owns");

		reconciler.reconcile(Set.of(node), null);
		assertThat(field(api("/api/v1/compute/drift", operator), orphan, "firstSeenAt"))
			.as("a finding seen again keeps its first-seen time").isEqualTo(firstSeen);
		assertThat(libvirt.listDefinedDomains()).as("only reported: removal is off by default").contains(orphan);

		libvirt.domainLookupByName(orphan).undefine();
		reconciler.reconcile(Set.of(node), null);
		assertThat(mine(api("/api/v1/compute/drift", operator), "ORPHAN_MACHINE")).as("gone, so forgotten")
			.doesNotContain(orphan);

		assertThat(mvc.get().uri("/api/v1/compute/drift").header(HttpHeaders.AUTHORIZATION, customer.bearer()).exchange())
			.hasStatus(403);
		assertThat(mvc.get().uri("/panel/admin/drift").session(session(operator)).exchange()).hasStatusOk().body()
			.asString().contains("Drift").contains("5 min").contains(orphanVolume).contains("node-" + region).contains("orphan volume");
		libvirt.domainLookupByName(foreign).undefine();
		libvirt.storagePoolLookupByName("default-pool").storageVolLookupByName(orphanVolume).delete(0);
	}

	@Test
	void an_instance_whose_domain_was_removed_behind_its_back_is_reported_missing() throws Exception {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("gone-1"));
		instances.createMachine(id);
		instances.start(id);
		reconciler.reconcile(Set.of(node), null);
		assertThat(mine(api("/api/v1/compute/drift", operator), "MISSING_MACHINE")).isEmpty();

		Domain domain = libvirt.domainLookupByName("skyport-" + id.id());
		domain.destroy();
		domain.undefine();
		reconciler.reconcile(Set.of(node), null);

		String drift = api("/api/v1/compute/drift", operator);
		assertThat(mine(drift, "MISSING_MACHINE")).containsExactly("skyport-" + id.id());
		assertThat(field(drift, "skyport-" + id.id(), "instanceId")).isEqualTo(id.id().toString());
		assertThat(field(drift, "skyport-" + id.id(), "detail")).contains("gone-1 is RUNNING");
		instances.destroy(id);
	}

	@Test
	void an_instance_pending_past_the_deadline_is_stuck() throws Exception {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("slow-1"));
		jdbc.sql("update compute_instances set updated_at = now() - interval '2 hours' where id = :id")
			.param("id", id.id()).update();

		reconciler.reconcile(Set.of(node), null);

		String drift = api("/api/v1/compute/drift", operator);
		assertThat(mine(drift, "STUCK")).containsExactly("skyport-" + id.id());
		assertThat(field(drift, "skyport-" + id.id(), "detail")).contains("slow-1 has been PENDING");
		instances.destroy(id);
		reconciler.reconcile(Set.of(node), null);
		assertThat(mine(api("/api/v1/compute/drift", operator), "STUCK")).isEmpty();
	}

	@Test
	void orphans_older_than_the_grace_period_are_removed_and_audited_when_enabled() throws Exception {
		String orphan = "skyport-" + UUID.randomUUID();
		define(orphan);
		String foreign = "kept-" + UUID.randomUUID().toString().substring(0, 8);
		define(foreign);
		InstanceId owned = new InstanceId(UUID.randomUUID());
		instances.create(owned, request("kept-1"));
		instances.createMachine(owned);
		instances.start(owned);

		Reconciler.Round young = reconciler.reconcile(Set.of(node), Duration.ofHours(1));
		assertThat(young.removed()).as("first seen just now: within the grace period").isEmpty();

		Reconciler.Round round = reconciler.reconcile(Set.of(node), Duration.ZERO);

		assertThat(round.removed()).contains(orphan).doesNotContain(foreign, "skyport-" + owned.id());
		assertThat(Arrays.asList(libvirt.listDefinedDomains())).doesNotContain(orphan).contains(foreign);
		assertThat(libvirt.domainLookupByName("skyport-" + owned.id()).isActive()).as("an owned machine stays").isEqualTo(1);
		assertThat(events.stream(OrphanRemoved.class).filter(event -> event.name().equals(orphan))).singleElement()
			.satisfies(event -> {
			assertThat(event.name()).isEqualTo(orphan);
			assertThat(event.kind()).isEqualTo(OrphanRemoved.Kind.MACHINE);
			assertThat(event.nodeId()).isEqualTo(node);
		});
		assertThat(jdbc.sql("""
				select action || ' ' || target_label || ' ' || (details ->> 'name') from audit_entries
				where action = 'orphan-machine.removed' and details ->> 'name' = :name""").param("name", orphan)
			.query(String.class).list()).containsExactly("orphan-machine.removed node-" + region + " " + orphan);
		assertThat(mine(api("/api/v1/compute/drift", operator), "ORPHAN_MACHINE")).doesNotContain(orphan);
		libvirt.domainLookupByName(foreign).undefine();
		instances.destroy(owned);
	}

	private void define(String name) throws LibvirtException {
		libvirt.domainDefineXML("<domain type='test'><name>" + name + "</name><uuid>" + UUID.randomUUID()
				+ "</uuid><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
	}

	private void volume(String name) throws LibvirtException {
		libvirt.storagePoolLookupByName("default-pool").storageVolCreateXML("<volume><name>" + name
				+ "</name><capacity unit='GiB'>1</capacity><target><format type='qcow2'/></target></volume>", 0);
	}

	/** The names of this test's node's findings of one kind. */
	private List<String> mine(String drift, String kind) {
		return JsonPath.read(drift, "$[?(@.nodeId == '" + node.id() + "' && @.kind == '" + kind + "')].name");
	}

	private String field(String drift, String name, String field) {
		List<Object> values = JsonPath.read(drift, "$[?(@.nodeId == '" + node.id() + "' && @.name == '" + name + "')]." + field);
		assertThat(values).as(name + " " + field).hasSize(1);
		return String.valueOf(values.getFirst());
	}

	private String api(String uri, TestUser user) throws Exception {
		MvcTestResult result = mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer()).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private NewInstance request(String name) {
		return new NewInstance(customer.user().organisationId(), null, name, null, List.of(), region, 1, 256, 1, null, null,
				image.id(), List.of(), null, null, null, null);
	}

	private MockHttpSession session(TestUser user) {
		MvcTestResult result = mvc.post().uri("/login").with(csrf()).param("username", user.email())
			.param("password", TestData.PASSWORD).exchange();
		assertThat(result).hasRedirectedUrl("/panel");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
