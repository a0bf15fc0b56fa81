package io.skyport.realvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.billing.SubscriptionId;
import io.skyport.billing.subscriptions.BillingFixtures;
import io.skyport.catalog.CatalogFixtures;
import io.skyport.catalog.CatalogFixtures.PublishedProduct;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.InstanceDetails;
import io.skyport.deployer.DeployerFixtures;
import io.skyport.testing.RealHypervisor;
import io.skyport.testing.RealHypervisor.GuestImage;

/**
 * A world on a real hypervisor, made through the real API: a node for the libvirtd of {@link RealHypervisor} in a
 * region of its own, whose guests reach this Skyport at the host's address on the guests' network; the Debian and
 * busybox guests of {@code tools/guest} registered as direct-boot images and copied into the node's pool; a vendor's
 * product with a bare plan and a plan with a data disk on the Debian image; a customer with a real ed25519 key pair
 * (the private half in a file, for {@code ssh}) and billing details. A test-only bean.
 */
@Component
public class RealVmFixtures {

	public static final String DATA_MOUNT = "/srv/data";

	private final DeployerFixtures fixtures;
	private final AccountFixtures accounts;
	private final CatalogFixtures catalog;
	private final BillingFixtures billing;
	private final ComputeInstances instances;

	RealVmFixtures(DeployerFixtures fixtures, AccountFixtures accounts, CatalogFixtures catalog, BillingFixtures billing,
			ComputeInstances instances) {
		this.fixtures = fixtures;
		this.accounts = accounts;
		this.catalog = catalog;
		this.billing = billing;
		this.instances = instances;
	}

	public record World(RealHypervisor hypervisor, Path privateKey, String region, TestUser operator, TestUser vendor,
			TestUser customer, UUID sshKeyId, UUID nodeId, UUID debianImage, UUID busyboxImage, String barePlan,
			String dataDiskPlan) {
	}

	/**
	 * Builds the world: the guest images are built (or taken from the cache) and copied to the node before this returns.
	 *
	 * @param port this Skyport's HTTP port, on all addresses.
	 * @param keyDirectory where the customer's key pair is written.
	 */
	public World world(RealHypervisor hypervisor, int port, Path keyDirectory) throws IOException {
		GuestImage debian = RealHypervisor.guest("debian");
		GuestImage busybox = RealHypervisor.guest("busybox");
		Path privateKey = keyDirectory.resolve("id_ed25519");
		RealHypervisor.run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
				"customer@real-vm-test", "-f", privateKey.toString());
		String publicKey = Files.readString(keyDirectory.resolve("id_ed25519.pub")).trim();

		TestUser operator = accounts.operator();
		TestUser vendor = accounts.vendor();
		TestUser customer = accounts.customer();
		String region = "real-" + UUID.randomUUID().toString().substring(0, 8);
		UUID nodeId = registerNode(hypervisor, region, port, operator);
		UUID debianImage = registerImage("Debian 12 " + region, "DEBIAN", "debian", 3, debian, operator);
		UUID busyboxImage = registerImage("Busybox " + region, "OTHER", "root", 1, busybox, operator);
		awaitCopied(debianImage, nodeId, operator);
		awaitCopied(busyboxImage, nodeId, operator);

		PublishedProduct product = catalog.publish(vendor, "Real server " + region, "databases", "EUR", "5");
		String barePlan = plan(product, "Real bare", debianImage, null, vendor);
		String dataDiskPlan = plan(product, "Real with data", debianImage, 1, vendor);
		UUID sshKeyId = UUID.fromString(fixtures.read(fixtures.send("POST", "/api/v1/ssh-keys",
				Map.of("name", "test key", "publicKey", publicKey), customer), "$.id"));
		billing.billingDetails(customer);
		return new World(hypervisor, privateKey, region, operator, vendor, customer, sshKeyId, nodeId, debianImage,
				busyboxImage, barePlan, dataDiskPlan);
	}

	/** The customer orders the plan in the world's region with their key; the subscription. */
	public SubscriptionId order(World world, String planId) {
		MvcTestResult placed = fixtures.send("POST", "/api/v1/orders", Map.of("planId", planId, "trial", false,
				"region", world.region(), "sshKeyIds", List.of(world.sshKeyId())), world.customer());
		assertThat(placed).hasStatus(201);
		return new SubscriptionId(UUID.fromString(fixtures.read(placed, "$.subscriptionId")));
	}

	/** A priced server type of this size; its name. */
	public String serverType(World world, int vcpus, int memoryMib, int diskGib) {
		String type = "real-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(fixtures.send("POST", "/api/v1/admin/server-types",
				Map.of("name", type, "vcpus", vcpus, "memoryMib", memoryMib, "diskGib", diskGib), world.operator()))
			.hasStatus(201);
		assertThat(fixtures.send("PUT", "/api/v1/admin/server-prices/types/" + type,
				Map.of("currency", "EUR", "hourly", "0.0100"), world.operator())).hasStatusOk();
		return type;
	}

	/** A server the customer creates through the "Create server" API: the deployment and the instance. */
	public record DirectServer(UUID deploymentId, UUID instanceId) {
	}

	public DirectServer createServer(World world, String serverType, UUID imageId) {
		Map<String, Object> request = new HashMap<>();
		request.put("name", "srv-" + UUID.randomUUID().toString().substring(0, 6));
		request.put("region", world.region());
		request.put("serverType", serverType);
		request.put("imageId", imageId);
		request.put("sshKeyIds", List.of(world.sshKeyId()));
		MvcTestResult created = fixtures.send("POST", "/api/v1/instances", request, world.customer());
		assertThat(created).hasStatus(202);
		return new DirectServer(UUID.fromString(fixtures.read(created, "$.deploymentId")),
				UUID.fromString(fixtures.read(created, "$.instanceId")));
	}

	/** The libvirt domain of a server: the one whose name holds the instance ID. */
	public String machine(World world, InstanceDetails server) {
		String id = server.id().toString();
		return world.hypervisor()
			.virsh("list", "--all", "--name")
			.lines()
			.map(String::trim)
			.filter(name -> name.contains(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no domain on the host holds " + id));
	}

	/**
	 * Runs a command on the server over SSH as the Debian image's default user with the customer's private key, at
	 * the address Skyport shows the customer: its output.
	 */
	public String ssh(World world, InstanceDetails server, String command) {
		InstanceDetails current = instances.find(server.id()).orElseThrow();
		assertThat(current.addresses()).as("the address Skyport shows for %s", server.name()).isNotEmpty();
		return RealHypervisor.run(Duration.ofMinutes(1), "ssh", "-i", world.privateKey().toString(), "-o",
				"BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o",
				"ConnectTimeout=10", "-o", "LogLevel=ERROR", "debian@" + current.addresses().getFirst(), command);
	}

	private UUID registerNode(RealHypervisor hypervisor, String region, int port, TestUser operator) {
		Map<String, Object> node = new HashMap<>();
		node.put("name", "real-" + region);
		node.put("uri", hypervisor.uri());
		node.put("region", region);
		node.put("virtType", hypervisor.virtType());
		node.put("networkMode", "NETWORK");
		node.put("networkSource", hypervisor.network());
		node.put("storagePool", hypervisor.storagePool());
		node.put("datasourceBaseUrl", "http://" + hypervisor.hostAddress() + ":" + port);
		node.put("simulateGuest", false);
		MvcTestResult created = fixtures.send("POST", "/api/v1/compute/nodes", node, operator);
		assertThat(created).hasStatus(201);
		return UUID.fromString(fixtures.read(created, "$.id"));
	}

	private UUID registerImage(String name, String osFamily, String user, int minDiskGib, GuestImage guest,
			TestUser operator) {
		Map<String, Object> image = new HashMap<>();
		image.put("name", name);
		image.put("osFamily", osFamily);
		image.put("defaultSshUser", user);
		image.put("minDiskGib", minDiskGib);
		image.put("boot", "KERNEL");
		image.put("source", guest.disk().toString());
		image.put("sha256", guest.sha256().get("disk.qcow2"));
		image.put("kernel", guest.kernel().toString());
		image.put("kernelSha256", guest.sha256().get("vmlinuz"));
		image.put("initrd", guest.initrd().toString());
		image.put("initrdSha256", guest.sha256().get("initrd.img"));
		image.put("kernelCmdline", guest.cmdline());
		MvcTestResult created = fixtures.send("POST", "/api/v1/images", image, operator);
		assertThat(created).as(body(created)).hasStatus(201);
		return UUID.fromString(fixtures.read(created, "$.id"));
	}

	/** Waits until the image's files are in Skyport's store and copied, verified, into the node's pool. */
	private void awaitCopied(UUID image, UUID nodeId, TestUser operator) {
		Awaitility.await()
			.atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				MvcTestResult shown = fixtures.get("/api/v1/images/" + image, operator);
				List<String> states = JsonPath.read(body(shown), "$.copies[?(@.nodeId == '" + nodeId + "')].state");
				assertThat(states).as("copy of image %s on the node: %s", image, body(shown)).containsExactly("READY");
			});
	}

	private String plan(PublishedProduct product, String name, UUID imageId, @Nullable Integer dataDiskGib,
			TestUser vendor) {
		Map<String, Object> plan = new HashMap<>();
		plan.put("name", name);
		plan.put("vcpus", 1);
		plan.put("memoryMib", 1024);
		plan.put("diskGib", 4);
		plan.put("imageId", imageId.toString());
		plan.put("monthlyPrice", new BigDecimal("5.00"));
		plan.put("currency", "EUR");
		plan.put("trialDays", 0);
		if (dataDiskGib != null) {
			plan.put("dataDiskGib", dataDiskGib);
			plan.put("dataDiskMountPoint", DATA_MOUNT);
		}
		MvcTestResult created = fixtures.send("POST", "/api/v1/products/" + product.id().id() + "/plans", plan, vendor);
		assertThat(created).as(body(created)).hasStatus(201);
		return fixtures.read(created, "$.id");
	}

	static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}
}
