package io.skyport.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.skyport.testing.SkyportIntegrationTest;

/**
 * {@code docs/compute-node-enrol.sh} run by {@code /bin/sh} with the host's real {@code nproc}, {@code /proc/meminfo}
 * and {@code df}, against the test server: it enrols once, keeps its token, heartbeats, and stops when its node is
 * deleted.
 */
@SkyportIntegrationTest
class NodeEnrolmentScriptTests {

	private static final Path SCRIPT = Path.of("docs", "compute-node-enrol.sh");

	@LocalServerPort
	int port;

	@Autowired
	NodeEnrolment enrolment;

	@Autowired
	NodeService nodes;

	record Run(int exitCode, String output) {
	}

	@Test
	void the_script_enrols_once_then_heartbeats_with_its_own_token() throws Exception {
		String token = enrolment.issue(new NodeEnrolment.TokenForm("script test", "local", 1)).secret();
		String name = "scripted-" + UUID.randomUUID().toString().substring(0, 8);
		Path state = Files.createTempDirectory(Path.of("target"), "node-state").resolve("state");
		Map<String, String> env = new HashMap<>(Map.of("SKYPORT_URL", "http://localhost:" + port + "/",
				"ENROLMENT_TOKEN", token, "NODE_NAME", name, "NODE_URI", NodeEnrolmentTests.UNREACHABLE,
				"STORAGE_POOL", "default-pool", "STATE_FILE", state.toString(), "INTERVAL", "20", "ONCE", "1"));

		Run first = run(env);

		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("enrolled as " + name).doesNotContain(token);
		String saved = Files.readString(state);
		assertThat(saved).containsPattern("NODE_ID=[0-9a-f-]{36}\nNODE_TOKEN=skpn_");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
		NodeView node = nodes.all().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
		assertThat(node.region()).isEqualTo("local");
		assertThat(node.enrolled()).isTrue();
		assertThat(node.heartbeatIntervalSeconds()).isEqualTo(20);
		assertThat(node.vcpus()).isPositive();
		assertThat(node.memoryMib()).isPositive();
		assertThat(node.lastHeartbeatAt()).isNotNull();
		assertThat(node.freeMemoryMib()).isPositive();
		assertThat(node.state()).isEqualTo(NodeState.UP);

		env.remove("ENROLMENT_TOKEN");
		Run again = run(env);
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(nodes.all().stream().filter(n -> n.name().equals(name))).hasSize(1);
		assertThat(Files.readString(state)).isEqualTo(saved);

		nodes.delete(node.id());
		Run deleted = run(env);
		assertThat(deleted.exitCode()).isEqualTo(1);
		assertThat(deleted.output()).contains("heartbeat refused");
	}

	@Test
	void the_script_says_why_an_enrolment_was_refused() throws Exception {
		Path state = Files.createTempDirectory(Path.of("target"), "node-state").resolve("state");
		Run refused = run(new HashMap<>(Map.of("SKYPORT_URL", "http://localhost:" + port, "ENROLMENT_TOKEN",
				Secrets.generate(Secrets.ENROLMENT_PREFIX), "NODE_REGION", "local", "STATE_FILE", state.toString(), "ONCE", "1")));

		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("enrolment refused (HTTP 401)").contains("The token is not valid.");
		assertThat(state).doesNotExist();
	}

	private static Run run(Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("/bin/sh", SCRIPT.toString()).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}
}
