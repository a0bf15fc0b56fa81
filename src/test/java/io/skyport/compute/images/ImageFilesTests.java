package io.skyport.compute.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;

import io.skyport.accounts.AccountFixtures;
import io.skyport.accounts.AccountFixtures.TestUser;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.ImageId;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.NewInstance;
import io.skyport.compute.NodeId;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.VolumeInfo;
import io.skyport.testing.SkyportIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Image files brought into Skyport's store (uploaded, downloaded from a URL a test server serves, read from a path),
 * verified by their sha256, copied into the pools of test nodes on libvirt's test driver, and machines created from
 * the copies.
 */
@SkyportIntegrationTest
class ImageFilesTests {

	static final String IMAGES = "/api/v1/images";

	@LocalServerPort
	int port;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	AccountFixtures accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ComputeInstances instances;

	@Autowired
	ComputeProvider provider;

	@Autowired
	NodeDirectory nodes;

	@Autowired
	ImageStore store;

	@TempDir
	Path files;

	TestUser operator;

	HttpServer web;

	final Map<String, byte[]> served = new HashMap<>();

	CountDownLatch held = new CountDownLatch(0);

	String region;

	@BeforeEach
	void setUp() throws IOException {
		operator = accounts.operator();
		region = "img-" + UUID.randomUUID().toString().substring(0, 8);
		web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		web.createContext("/", exchange -> {
			byte[] body = served.get(exchange.getRequestURI().getPath());
			if (exchange.getRequestURI().getPath().startsWith("/held/")) {
				try {
					held.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
			}
			else {
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			exchange.close();
		});
		web.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		web.start();
	}

	@AfterEach
	void stopServer() {
		held.countDown();
		web.stop(0);
	}

	@Test
	void an_uploaded_disk_is_kept_only_if_it_matches_its_sha256() throws Exception {
		byte[] disk = bytes(200_000, 1);
		MvcTestResult created = send("POST", IMAGES, image(unique("Uploaded"), "", sha256(disk)));
		assertThat(created).hasStatus(201);
		String id = read(created, "$.id");
		assertThat(read(created, "$.files[0].kind")).isEqualTo("disk");
		assertThat(read(created, "$.files[0].origin")).isEqualTo("UPLOAD");
		assertThat(read(created, "$.files[0].state")).isEqualTo("PENDING");

		byte[] wrong = bytes(200_000, 2);
		HttpResponse<String> refused = upload(id, "disk", wrong);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("not the expected " + sha256(disk)).contains("nothing was kept");
		assertThat(read(get(IMAGES + "/" + id), "$.files[0].state")).isEqualTo("PENDING");
		assertThat(store.path(sha256(wrong))).doesNotExist();
		assertThat(store.path(sha256(disk))).doesNotExist();
		assertThat(incomingFiles()).isEmpty();

		HttpResponse<String> accepted = upload(id, "disk", disk);
		assertThat(accepted.statusCode()).isEqualTo(200);
		MvcTestResult view = get(IMAGES + "/" + id);
		assertThat(read(view, "$.files[0].state")).isEqualTo("READY");
		assertThat((Integer) JsonPath.read(body(view), "$.files[0].size")).isEqualTo(disk.length);
		assertThat(read(view, "$.files[0].sha256")).isEqualTo(sha256(disk));
		assertThat(read(view, "$.files[0].format")).isEqualTo("raw");
		assertThat(Files.readAllBytes(store.path(sha256(disk)))).isEqualTo(disk);

		assertThat(upload(id, "disk", disk).statusCode()).as("uploaded already").isEqualTo(409);
		assertThat(upload(id, "kernel", disk).statusCode()).as("a disk image has no kernel").isEqualTo(400);
		assertThat(upload(id, "bios", disk).statusCode()).isEqualTo(404);
	}

	@Test
	void a_disk_is_downloaded_from_a_url_and_a_mismatch_fails_with_the_reason() throws Exception {
		byte[] disk = qcow2(150_000, 3);
		served.put("/images/disk.qcow2", disk);

		String good = read(send("POST", IMAGES, image(unique("From URL"), url("/images/disk.qcow2"), sha256(disk))),
				"$.id");
		String bad = read(send("POST", IMAGES, image(unique("Bad URL"), url("/images/disk.qcow2"),
				sha256(bytes(10, 9)))), "$.id");
		String missing = read(send("POST", IMAGES, image(unique("Missing URL"), url("/images/none.qcow2"),
				sha256(disk))), "$.id");

		awaitFileState(good, "READY");
		assertThat(read(get(IMAGES + "/" + good), "$.files[0].format")).isEqualTo("qcow2");
		assertThat(read(get(IMAGES + "/" + good), "$.files[0].origin")).isEqualTo("URL");
		awaitFileState(bad, "FAILED");
		assertThat(read(get(IMAGES + "/" + bad), "$.files[0].reason")).contains("does not match")
			.contains(sha256(disk));
		awaitFileState(missing, "FAILED");
		assertThat(read(get(IMAGES + "/" + missing), "$.files[0].reason")).contains("404");
	}

	@Test
	void a_disk_is_read_from_a_path_on_the_server_and_copied_into_a_nodes_pool() throws Exception {
		NodeId node = node("a", "default-pool");
		byte[] disk = bytes(120_000, 4);
		Path file = Files.write(files.resolve("disk.raw"), disk);

		String id = read(send("POST", IMAGES, image(unique("From path"), file.toString(), sha256(disk))), "$.id");

		awaitFileState(id, "READY");
		awaitCopy(id, node, "READY");
		MvcTestResult view = get(IMAGES + "/" + id);
		String copy = "$.copies[?(@.nodeId == '" + node.id() + "')]";
		assertThat(JsonPath.<List<Integer>>read(body(view), copy + ".bytes")).containsExactly(disk.length);
		assertThat(JsonPath.<List<String>>read(body(view), copy + ".nodeName")).containsExactly(region + "-a");
		assertThat(JsonPath.<List<String>>read(body(view), copy + ".copiedAt")).singleElement().isNotNull();
		assertThat(provider.listVolumes(nodes.target(node)))
			.filteredOn(volume -> volume.name().equals(ImageCopying.volumeName(sha256(disk))))
			.singleElement()
			.extracting(VolumeInfo::capacityBytes)
			.isEqualTo((long) disk.length);
	}

	@Test
	void a_changed_disk_is_imported_and_copied_again_and_the_old_copy_stays_for_machines_backed_by_it()
			throws Exception {
		NodeId node = node("upd", "default-pool");
		byte[] first = bytes(30_000, 20);
		byte[] second = bytes(40_000, 21);
		Map<String, Object> form = image(unique("Changed"), Files.write(files.resolve("first.raw"), first).toString(),
				sha256(first));
		String id = read(send("POST", IMAGES, form), "$.id");
		awaitCopy(id, node, "READY");

		form.put("source", Files.write(files.resolve("second.raw"), second).toString());
		form.put("sha256", sha256(second));
		MvcTestResult changed = send("PUT", IMAGES + "/" + id, form);
		assertThat(changed).hasStatusOk();
		assertThat(read(changed, "$.sha256")).isEqualTo(sha256(second));

		awaitFileState(id, "READY");
		awaitCopy(id, node, "READY");
		assertThat(JsonPath.<List<Integer>>read(body(get(IMAGES + "/" + id)),
				"$.copies[?(@.nodeId == '" + node.id() + "')].bytes")).containsExactly(second.length);
		assertThat(provider.listVolumes(nodes.target(node))).extracting(VolumeInfo::name)
			.contains(ImageCopying.volumeName(sha256(first)), ImageCopying.volumeName(sha256(second)));

		assertThat(send("PUT", IMAGES + "/" + id, form)).hasStatusOk();
		assertThat(read(get(IMAGES + "/" + id), "$.files[0].state")).as("unchanged: not imported again")
			.isEqualTo("READY");
	}

	@Test
	void a_failed_copy_is_retried_by_an_operator() throws Exception {
		NodeId broken = node("nopool", "no-such-pool");
		byte[] disk = bytes(10_000, 5);
		Path file = Files.write(files.resolve("retried.raw"), disk);
		String id = read(send("POST", IMAGES, image(unique("Retried"), file.toString(), sha256(disk))), "$.id");

		awaitCopy(id, broken, "FAILED");
		assertThat(JsonPath.<List<String>>read(body(get(IMAGES + "/" + id)),
				"$.copies[?(@.nodeId == '" + broken.id() + "')].reason")).singleElement().asString()
			.contains("storage pool");

		assertThat(send("POST", IMAGES + "/" + id + "/copies/" + broken.id() + "/retry", null)).hasStatusOk();
		awaitCopy(id, broken, "FAILED");
		jdbc.sql("update compute_nodes set storage_pool = 'default-pool' where id = ?").param(broken.id()).update();
		assertThat(send("POST", IMAGES + "/" + id + "/copies/" + broken.id() + "/retry", null)).hasStatusOk();
		awaitCopy(id, broken, "READY");
		assertThat(send("POST", IMAGES + "/" + id + "/copies/" + broken.id() + "/retry", null)).hasStatus(409);
		assertThat(send("POST", IMAGES + "/" + id + "/copies/" + UUID.randomUUID() + "/retry", null)).hasStatus(404);
	}

	@Test
	void a_kernel_image_boots_its_kernel_and_initrd_from_the_nodes_copies() throws Exception {
		NodeId node = node("k", "default-pool");
		byte[] disk = qcow2(80_000, 6);
		byte[] kernel = bytes(30_000, 7);
		byte[] initrd = bytes(50_000, 8);
		served.put("/k/vmlinuz", kernel);
		Map<String, Object> form = image(unique("Kernel"), Files.write(files.resolve("k.qcow2"), disk).toString(),
				sha256(disk));
		form.put("boot", "KERNEL");
		form.put("kernel", url("/k/vmlinuz"));
		form.put("kernelSha256", sha256(kernel));
		form.put("initrd", "");
		form.put("initrdSha256", sha256(initrd));
		form.put("kernelCmdline", "root=/dev/vda console=ttyS0 rw");
		MvcTestResult created = send("POST", IMAGES, form);
		assertThat(created).hasStatus(201);
		String id = read(created, "$.id");
		assertThat(read(created, "$.boot")).isEqualTo("KERNEL");
		assertThat(read(created, "$.kernel")).isEqualTo(url("/k/vmlinuz"));
		assertThat(upload(id, "initrd", initrd).statusCode()).isEqualTo(200);

		awaitFileState(id, "READY");
		awaitCopy(id, node, "READY");
		InstanceId instance = instance(id);
		instances.createMachine(instance);

		String definition = provider.machineDefinition(nodes.target(node), "skyport-" + instance.id());
		String pool = poolPath(node, ImageCopying.volumeName(sha256(kernel)));
		assertThat(definition).contains("<kernel>" + pool + "</kernel>")
			.contains("<initrd>" + poolPath(node, ImageCopying.volumeName(sha256(initrd))) + "</initrd>")
			.contains("<cmdline>root=/dev/vda console=ttyS0 rw</cmdline>")
			.contains("<entry name='serial'>ds=nocloud");
		assertThat(instances.find(instance).orElseThrow().state()).isEqualTo(InstanceState.CREATING);
	}

	@Test
	void creating_a_machine_before_the_image_is_on_its_node_is_unavailable_then_succeeds() throws Exception {
		NodeId node = node("late", "default-pool");
		byte[] disk = bytes(60_000, 10);
		served.put("/held/disk.raw", disk);
		held = new CountDownLatch(1);
		String id = read(send("POST", IMAGES, image(unique("Late"), url("/held/disk.raw"), sha256(disk))), "$.id");
		InstanceId instance = instance(id);

		Throwable early = catchThrowable(() -> instances.createMachine(instance));
		assertThat(early).isInstanceOf(ComputeUnavailableException.class).hasMessageContaining("not in Skyport's image store");

		held.countDown();
		awaitFileState(id, "READY");
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Throwable outcome = catchThrowable(() -> instances.createMachine(instance));
			if (outcome != null) {
				assertThat(outcome).isInstanceOf(ComputeUnavailableException.class).hasMessageContaining("being copied");
			}
			assertThat(outcome).isNull();
		});
		assertThat(provider.machineDefinition(nodes.target(node), "skyport-" + instance.id()))
			.contains("skyport-" + instance.id() + "-root");
		assertThat(provider.listVolumes(nodes.target(node)))
			.anyMatch(volume -> volume.name().equals(ImageCopying.volumeName(sha256(disk))));
	}

	@Test
	void images_keep_their_old_meaning_and_bad_combinations_are_refused() {
		MvcTestResult inPlace = send("POST", IMAGES, image(unique("In place"), "/var/lib/libvirt/images/d.qcow2", null));
		assertThat(inPlace).hasStatus(201);
		assertThat(read(inPlace, "$.source")).isEqualTo("/var/lib/libvirt/images/d.qcow2");
		assertThat(JsonPath.<List<Object>>read(body(inPlace), "$.files")).isEmpty();
		assertThat(read(inPlace, "$.boot")).isEqualTo("DISK");
		assertThat(send("POST", "/api/v1/admin/images", image(unique("Admin"), "default/d.qcow2", null))).hasStatus(201);

		Map<String, Object> poolWithSha = image(unique("Pool"), "default/d.qcow2", sha256(new byte[1]));
		assertThat(send("POST", IMAGES, poolWithSha)).hasStatus(400).bodyText().contains("source");
		assertThat(send("POST", IMAGES, image(unique("Bad sha"), "", "abc"))).hasStatus(400).bodyText()
			.contains("64 hexadecimal digits");
		Map<String, Object> kernelless = image(unique("No kernel"), "default/d.qcow2", null);
		kernelless.put("boot", "KERNEL");
		assertThat(send("POST", IMAGES, kernelless)).hasStatus(400).bodyText().contains("kernelSha256");
		Map<String, Object> diskWithKernel = image(unique("Disk kernel"), "default/d.qcow2", null);
		diskWithKernel.put("kernelCmdline", "console=ttyS0");
		assertThat(send("POST", IMAGES, diskWithKernel)).hasStatus(400).bodyText().contains("kernelCmdline");
		Map<String, Object> control = image(unique("Control"), "default/d.qcow2", null);
		control.put("boot", "KERNEL");
		control.put("kernelSha256", sha256(new byte[2]));
		control.put("kernelCmdline", "console=ttyS0\ninit=/bin/sh");
		assertThat(send("POST", IMAGES, control)).hasStatus(400).bodyText().contains("kernelCmdline");
		assertThat(send("POST", IMAGES, image(unique("x"), "", null))).hasStatus(400);
	}

	private InstanceId instance(String imageId) {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, new NewInstance(accounts.customer().user().organisationId(), null, "vm-" + region, null,
				List.of(), region, 1, 256, 1, null, null, new ImageId(UUID.fromString(imageId)), List.of(), null, null, null,
				null));
		return id;
	}

	private String poolPath(NodeId node, String volume) {
		return provider.listVolumes(nodes.target(node)).stream().filter(v -> v.name().equals(volume)).findFirst()
			.orElseThrow().path();
	}

	private NodeId node(String name, String pool) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into compute_nodes (id, name, uri, region, virt_type, state, vcpus, memory_mib, disk_gib,
				  storage_pool, created_at, updated_at)
				values (:id, :name, 'test:///default', :region, 'QEMU', 'UP', 4, 4096, 100, :pool, now(), now())""")
			.param("id", id)
			.param("name", region + "-" + name)
			.param("region", region)
			.param("pool", pool)
			.update();
		return new NodeId(id);
	}

	private void awaitFileState(String id, String state) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(JsonPath.<List<String>>read(body(get(IMAGES + "/" + id)), "$.files[*].state"))
				.isNotEmpty().containsOnly(state));
	}

	private void awaitCopy(String id, NodeId node, String state) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(JsonPath.<List<String>>read(body(get(IMAGES + "/" + id)),
					"$.copies[?(@.nodeId == '" + node.id() + "')].state")).containsExactly(state));
	}

	private List<Path> incomingFiles() throws IOException {
		Path incoming = store.root().resolve(".incoming");
		if (!Files.isDirectory(incoming)) {
			return List.of();
		}
		try (var list = Files.list(incoming)) {
			return list.toList();
		}
	}

	private HttpResponse<String> upload(String id, String kind, byte[] content) throws Exception {
		Path file = Files.write(files.resolve(UUID.randomUUID() + ".upload"), content);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + IMAGES + "/" + id
				+ "/files/" + kind))
			.header(HttpHeaders.AUTHORIZATION, operator.bearer())
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM_VALUE)
			.PUT(HttpRequest.BodyPublishers.ofFile(file))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + web.getAddress().getPort() + path;
	}

	private static Map<String, Object> image(String name, String source, String sha256) {
		Map<String, Object> form = new HashMap<>();
		form.put("name", name);
		form.put("osFamily", "DEBIAN");
		form.put("defaultSshUser", "debian");
		form.put("minDiskGib", 1);
		form.put("source", source);
		form.put("sha256", sha256);
		return form;
	}

	private MvcTestResult get(String uri) {
		return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, operator.bearer()).exchange();
	}

	private MvcTestResult send(String method, String uri, Object body) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
			.header(HttpHeaders.AUTHORIZATION, operator.bearer());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
		}
		return request.exchange();
	}

	private static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String read(MvcTestResult result, String path) {
		return JsonPath.read(body(result), path);
	}

	private static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Content of its own per run: the store keeps files across runs, named by content. */
	private static final long RUN = new java.security.SecureRandom().nextLong();

	private static byte[] bytes(int size, int seed) {
		byte[] content = new byte[size];
		new Random(seed ^ RUN).nextBytes(content);
		return content;
	}

	/** Random bytes behind qcow2's magic, which is all the store looks at to tell the format. */
	private static byte[] qcow2(int size, int seed) {
		byte[] content = bytes(size, seed);
		content[0] = 'Q';
		content[1] = 'F';
		content[2] = 'I';
		content[3] = (byte) 0xfb;
		return content;
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
