package io.skyport.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.OrganisationId;

/**
 * Compute's public instance API as the deployer drives it, with the modules compute depends on and libvirt's real
 * test hypervisor: idempotent create, the saga's steps in order, teardown, and the {@link InstanceStateChanged}
 * events other modules rely on.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@TestPropertySource(properties = "skyport.compute.probe-enabled=false")
class ComputeModuleTests {

	static final String GUEST_CONFIGURATION = "#cloud-config\npackages:\n  - nginx\n";

	@Autowired
	ComputeInstances instances;

	@Autowired
	ComputeFixtures compute;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	OrganisationId owner;
	ImageSummary image;
	String region;

	@BeforeEach
	void ownerAndNode() {
		owner = accounts.customer().user().organisationId();
		image = compute.image(1);
		region = "module-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (?, ?, 'test:///default', ?, 'QEMU', 'UP', 8, 8192, 100, 'default-pool', now(), now())""")
			.params(UUID.randomUUID(), region + "-node", region)
			.update();
	}

	@Test
	void creating_again_with_the_same_id_returns_the_existing_instance_without_a_second_one() {
		InstanceId id = new InstanceId(UUID.randomUUID());
		UUID deployment = UUID.randomUUID();
		UUID subscription = UUID.randomUUID();

		InstanceDetails first = instances.create(id, request("twice", deployment, subscription));
		InstanceDetails again = instances.create(id, request("twice", deployment, subscription));
		InstanceDetails differentRequest = instances.create(id, request("Not A Valid Name!", null, null));

		assertThat(first.state()).isEqualTo(InstanceState.PENDING);
		assertThat(first.deploymentId()).isEqualTo(deployment);
		assertThat(first.subscriptionId()).isEqualTo(subscription);
		assertThat(again.id()).isEqualTo(id);
		assertThat(again.nodeId()).isEqualTo(first.nodeId());
		assertThat(differentRequest.name()).as("a repeat is not validated again").isEqualTo("twice");
		assertThat(jdbc.sql("select count(*) from compute_instances where organisation_id = ?").param(owner.id())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from compute_allocations where instance_id = ?").param(id.id())
			.query(Long.class).single()).as("capacity reserved once").isEqualTo(1);
		instances.destroy(id);
	}

	@Test
	void the_steps_in_order_reach_running_on_the_test_hypervisor_and_publish_each_state(Scenario scenario) {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("stepper", null, null));

		scenario.stimulate(() -> instances.createMachine(id))
			.andWaitForEventOfType(InstanceStateChanged.class)
			.matching(event -> event.instanceId().equals(id))
			.toArriveAndVerify(event -> {
				assertThat(event.from()).isEqualTo(InstanceState.PENDING);
				assertThat(event.to()).isEqualTo(InstanceState.CREATING);
				assertThat(event.ownerId()).isEqualTo(owner);
			});
		byte[] token = liveSeedToken(id);

		instances.configureAccess(id);
		assertThat(liveSeedToken(id)).as("the token in the machine's definition stays valid").isEqualTo(token);
		assertThat(jdbc.sql("select vendor_config from compute_nocloud_seeds where instance_id = ? and revoked_at is null")
			.param(id.id()).query(String.class).single()).contains("nginx");

		instances.attachDataDisk(id);
		assertThat(jdbc.sql("select state from compute_volumes where instance_id = ?").param(id.id())
			.query(String.class).single()).isEqualTo("ATTACHED");

		scenario.stimulate(() -> instances.start(id))
			.andWaitForEventOfType(InstanceStateChanged.class)
			.matching(event -> event.instanceId().equals(id) && event.to() == InstanceState.RUNNING)
			.toArriveAndVerify(event -> assertThat(event.from()).isEqualTo(InstanceState.CREATING));
		assertThat(instances.find(id).orElseThrow().state()).isEqualTo(InstanceState.RUNNING);

		scenario.stimulate(() -> instances.destroy(id))
			.andWaitForEventOfType(InstanceStateChanged.class)
			.matching(event -> event.instanceId().equals(id) && event.to() == InstanceState.DELETED)
			.toArrive();
		assertThat(jdbc.sql("select count(*) from compute_nocloud_seeds where instance_id = ? and revoked_at is null")
			.param(id.id()).query(Long.class).single()).as("token revoked").isZero();
	}

	@Test
	void destroying_an_unknown_or_deleted_instance_does_nothing() {
		InstanceId unknown = new InstanceId(UUID.randomUUID());
		instances.destroy(unknown);
		assertThat(instances.find(unknown)).isEmpty();

		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request("gone", null, null));
		instances.destroy(id);
		InstanceDetails deleted = instances.find(id).orElseThrow();
		instances.destroy(id);

		assertThat(instances.find(id).orElseThrow().updatedAt()).isEqualTo(deleted.updatedAt());
		assertThat(instances.create(id, request("gone", null, null)).state()).as("a repeat create changes nothing")
			.isEqualTo(InstanceState.DELETED);
	}

	private NewInstance request(String name, @Nullable UUID deploymentId, @Nullable UUID subscriptionId) {
		return new NewInstance(owner, null, name, null, List.of(), region, 1, 256, 1, 1, null, image.id(), List.of(),
				GUEST_CONFIGURATION, null, deploymentId, subscriptionId);
	}

	private byte[] liveSeedToken(InstanceId id) {
		return jdbc.sql("select token_hash from compute_nocloud_seeds where instance_id = ? and revoked_at is null")
			.param(id.id())
			.query(byte[].class)
			.single();
	}
}
