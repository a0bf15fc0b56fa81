package io.skyport.realvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;

import com.sun.net.httpserver.HttpServer;

import io.skyport.billing.SubscriptionId;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.realvm.RealVmFixtures.DirectServer;
import io.skyport.testing.RealHypervisor;

/**
 * Skyport on a real hypervisor (issue 11's goals), run by hand with {@code bench/real-vm.sh}, never in the build:
 * <ul>
 * <li><b>Overhead</b>: "Create server" of the busybox guest → its phone-home reaching Skyport, against a bare
 * {@code virsh create} of the same domain XML (Skyport's own, renamed, on a fresh overlay of the same image) → its
 * phone-home reaching a minimal seed server in this process; alternated, {@code skyport.bench.runs} (5) each. Goal:
 * p50 overhead ≤ 1 s.</li>
 * <li><b>Real Debian guest</b>: order → an SSH login possible, {@code skyport.bench.debian-runs} (3) runs, with where
 * the time goes: Skyport's saga steps, the guest's first fetch of its seed, its phone-home, and cloud-init's own
 * stages ({@code cloud-init analyze show}) and the boot ({@code systemd-analyze}).</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "skyport.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "skyport.storage.local.root=target/test-objects", "skyport.compute.probe-enabled=false",
				"skyport.accounts.login.max-failures-per-address=1000000", "logging.level.root=WARN",
				"logging.level.io.skyport=WARN", "skyport.deployer.paid-retention=1s",
				"skyport.compute.images.store-dir=target/test-images" })
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RealVmBenchmark extends RealVmTest {

	private static final int RUNS = Integer.getInteger("skyport.bench.runs", 5);
	private static final int DEBIAN_RUNS = Integer.getInteger("skyport.bench.debian-runs", 3);
	private static final Pattern SERIAL = Pattern.compile("<entry name=['\"]serial['\"]>[^<]*</entry>");
	private static final Pattern ROOT_DISK = Pattern.compile("<source file=['\"]([^'\"]+-root[^'\"]*)['\"]");
	private static final Pattern STAGE = Pattern.compile("Finished stage: \\(([^)]+)\\) ([0-9.]+) seconds");

	@Test
	void skyport_overhead_against_a_bare_virsh_create() throws Exception {
		String type = realVms.serverType(world, 1, 256, 1);
		// One server first, for the domain XML the bare runs reuse and to warm both paths up.
		DirectServer template = realVms.createServer(world, type, world.busyboxImage());
		fixtures.awaitState(template.deploymentId(), "READY", Duration.ofMinutes(3));
		InstanceDetails templateServer = instances.find(new InstanceId(template.instanceId())).orElseThrow();
		String templateXml = hypervisor.virsh("dumpxml", "--inactive", realVms.machine(world, templateServer));
		Matcher root = ROOT_DISK.matcher(templateXml);
		assertThat(root.find()).as("the template has a root volume").isTrue();
		String rootVolume = root.group(1);
		String backing = hypervisor.virsh("vol-dumpxml", rootVolume)
			.lines()
			.filter(line -> line.contains("<path>"))
			.reduce((first, second) -> second)
			.orElseThrow()
			.replaceAll(".*<path>(.*)</path>.*", "$1");
		delete(template);

		List<Long> skyport = new ArrayList<>();
		List<Long> bare = new ArrayList<>();
		try (BareSeedServer seeds = new BareSeedServer(hypervisor.hostAddress())) {
			for (int run = 0; run < RUNS; run++) {
				bare.add(bareRun(templateXml, rootVolume, backing, seeds, run));
				skyport.add(skyportRun(type));
			}
		}
		Collections.sort(skyport);
		Collections.sort(bare);
		long overhead = median(skyport) - median(bare);
		System.out.printf("%nBENCH busybox guest, %d runs each: Skyport \"Create server\" → phone-home p50 %d ms "
				+ "(min %d, max %d); bare virsh create → phone-home p50 %d ms (min %d, max %d); overhead p50 %d ms, "
				+ "ratio %.2f%n", RUNS, median(skyport), skyport.getFirst(), skyport.getLast(), median(bare),
				bare.getFirst(), bare.getLast(), overhead, (double) median(skyport) / median(bare));
	}

	@Test
	void a_real_debian_guest_from_order_to_ssh_login() {
		List<Long> totals = new ArrayList<>();
		for (int run = 0; run < DEBIAN_RUNS; run++) {
			Instant ordered = Instant.now();
			SubscriptionId subscription = realVms.order(world, world.barePlan());
			UUID deployment = fixtures.deploymentOf(subscription);
			fixtures.awaitState(deployment, "READY", Duration.ofMinutes(8));
			InstanceDetails server = instances.find(new InstanceId(fixtures.instanceOf(deployment))).orElseThrow();
			Awaitility.await()
				.atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> realVms.ssh(world, server, "true") != null);
			long total = Duration.between(ordered, Instant.now()).toMillis();
			totals.add(total);

			Map<String, Long> breakdown = new LinkedHashMap<>();
			jdbc.sql("""
					select step, sum(extract(epoch from (ended_at - started_at)) * 1000) as millis
					from deployment_steps where deployment_id = ? and ended_at is not null
					group by step order by min(id)""").param(deployment)
				.query((rs, n) -> breakdown.put("step " + rs.getString(1), rs.getLong(2)))
				.list();
			Instant firstFetch = jdbc.sql("select min(accessed_at) from compute_nocloud_accesses where instance_id = ?")
				.param(server.id().id())
				.query(Instant.class)
				.single();
			Instant phonedHome = jdbc.sql("select guest_phoned_home_at from deployments where id = ?")
				.param(deployment)
				.query(Instant.class)
				.single();
			breakdown.put("order → guest's first seed fetch", Duration.between(ordered, firstFetch).toMillis());
			breakdown.put("first seed fetch → phone-home", Duration.between(firstFetch, phonedHome).toMillis());
			breakdown.put("phone-home → SSH login", Duration.between(phonedHome, ordered.plusMillis(total)).toMillis());
			Matcher stages = STAGE.matcher(realVms.ssh(world, server, "sudo cloud-init analyze show"));
			while (stages.find()) {
				breakdown.put("cloud-init " + stages.group(1), Math.round(Double.parseDouble(stages.group(2)) * 1000));
			}
			String boot = realVms.ssh(world, server, "systemd-analyze || true").lines().findFirst().orElse("").trim();
			System.out.printf("%nBENCH Debian run %d: order → SSH login %d ms; %s; %s%n", run + 1, total, breakdown, boot);
			fixtures.cancel(subscription);
			fixtures.awaitState(deployment, "DESTROYED", Duration.ofMinutes(3));
		}
		Collections.sort(totals);
		System.out.printf("%nBENCH Debian guest, %d runs: order → SSH login p50 %d ms (min %d, max %d)%n", DEBIAN_RUNS,
				median(totals), totals.getFirst(), totals.getLast());
	}

	/** "Create server" → the phone-home Skyport recorded, in milliseconds; the server is deleted afterwards. */
	private long skyportRun(String type) {
		Instant requested = Instant.now();
		DirectServer server = realVms.createServer(world, type, world.busyboxImage());
		fixtures.awaitState(server.deploymentId(), "READY", Duration.ofMinutes(3));
		Instant phonedHome = jdbc.sql("select guest_phoned_home_at from deployments where id = ?")
			.param(server.deploymentId())
			.query(Instant.class)
			.single();
		delete(server);
		return Duration.between(requested, phonedHome).toMillis();
	}

	/** {@code virsh create} of the template → the guest's phone-home at the seed server, in milliseconds. */
	private long bareRun(String templateXml, String rootVolume, String backing, BareSeedServer seeds, int run)
			throws Exception {
		String name = "bare-bench-" + run + "-" + UUID.randomUUID().toString().substring(0, 6);
		Path overlay = Path.of(rootVolume).resolveSibling(name + ".qcow2");
		RealHypervisor.run(Duration.ofMinutes(1), "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
				backing, overlay.toString());
		CompletableFuture<Instant> phoneHome = seeds.expect(name);
		String xml = templateXml.replaceAll("<name>[^<]*</name>", "<name>" + name + "</name>")
			.replaceAll("<uuid>[^<]*</uuid>", "")
			.replace(rootVolume, overlay.toString())
			.replaceAll("\\.log'", "-" + name + ".log'")
			.replaceAll("<mac address=['\"][^'\"]*['\"]/>", "");
		xml = SERIAL.matcher(xml).replaceFirst("<entry name='serial'>ds=nocloud-net;s=" + seeds.url(name) + "</entry>");
		Path file = Files.createTempFile(scratch(), name, ".xml");
		Files.writeString(file, xml);
		try {
			Instant started = Instant.now();
			hypervisor.virsh("create", file.toString());
			Instant phoned = phoneHome.get(2, TimeUnit.MINUTES);
			return Duration.between(started, phoned).toMillis();
		}
		finally {
			hypervisor.virsh("destroy", name);
			Files.deleteIfExists(overlay);
			Files.deleteIfExists(file);
		}
	}

	private void delete(DirectServer server) {
		assertThat(fixtures.send("DELETE", "/api/v1/instances/" + server.instanceId(), null, world.customer())
			.getResponse()
			.getStatus()).isBetween(200, 299);
		fixtures.awaitState(server.deploymentId(), "DESTROYED", Duration.ofMinutes(3));
	}

	private static long median(List<Long> sorted) {
		return sorted.get(sorted.size() / 2);
	}

	/** The least a NoCloud seed server does: fixed meta-data and user-data, and the time of each phone-home. */
	private static final class BareSeedServer implements AutoCloseable {

		private final HttpServer server;
		private final String base;
		private final Map<String, CompletableFuture<Instant>> phoneHomes = new java.util.concurrent.ConcurrentHashMap<>();

		BareSeedServer(String address) throws IOException {
			server = HttpServer.create(new InetSocketAddress(address, 0), 50);
			base = "http://" + address + ":" + server.getAddress().getPort() + "/";
			server.createContext("/", exchange -> {
				String[] parts = exchange.getRequestURI().getPath().split("/");
				String name = parts.length > 1 ? parts[1] : "";
				String document = parts.length > 2 ? parts[2] : "";
				byte[] body = switch (document) {
					case "meta-data" -> ("instance-id: " + name + "\nlocal-hostname: " + name + "\n").getBytes(StandardCharsets.UTF_8);
					case "user-data" -> ("#cloud-config\nphone_home:\n  url: " + base + name + "/phone-home\n")
						.getBytes(StandardCharsets.UTF_8);
					default -> new byte[0];
				};
				if ("phone-home".equals(document)) {
					CompletableFuture<Instant> phoned = phoneHomes.get(name);
					if (phoned != null) {
						phoned.complete(Instant.now());
					}
				}
				exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
				if (body.length > 0) {
					exchange.getResponseBody().write(body);
				}
				exchange.close();
			});
			server.start();
		}

		String url(String name) {
			return base + name + "/";
		}

		CompletableFuture<Instant> expect(String name) {
			return phoneHomes.computeIfAbsent(name, key -> new CompletableFuture<>());
		}

		@Override
		public void close() {
			server.stop(0);
		}
	}
}
