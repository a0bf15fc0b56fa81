package io.skyport.platform.database;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.skyport.testing.TestData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs Skyport as real child JVMs on its own embedded PostgreSQL (no Spring test context, so no shared test
 * database) and checks what operators rely on: a {@code kill -9} loses no committed data and does not block the next
 * start, the server is durable, a SIGTERM stops PostgreSQL only after the web server drained and the pool closed,
 * and two Skyports never share one cluster.
 */
class EmbeddedPostgresDurabilityTests {

	private static final Duration STARTUP = Duration.ofSeconds(90);
	private static final Duration SHUTDOWN = Duration.ofSeconds(60);
	private static final Path LOGS = Path.of("target", "embedded-postgres-durability").toAbsolutePath();

	/** The test classpath without test-classes, so the test-only database initializer is absent. */
	private static final String APP_CLASSPATH = Arrays
		.stream(System.getProperty("java.class.path").split(File.pathSeparator))
		.filter(entry -> !entry.isBlank())
		.map(entry -> Path.of(entry).toAbsolutePath())
		.filter(entry -> !entry.getFileName().toString().equals("test-classes"))
		.map(Path::toString)
		.collect(Collectors.joining(File.pathSeparator));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final JsonMapper json = JsonMapper.builder().build();
	private final List<Skyport> children = new ArrayList<>();
	private final List<Path> dataDirs = new ArrayList<>();

	@Test
	void a_kill_dash_nine_does_not_stop_the_next_start_and_keeps_the_data_and_sigterm_stops_postgres_last(
			@TempDir Path temp) throws Exception {
		Path dataDir = temp.resolve("pg");
		String email = TestData.uniqueEmail();

		Skyport first = start(temp, dataDir, "kill-9-first");
		awaitHealthy(first);
		HttpResponse<String> signUp = post(first, "/api/v1/accounts",
				Map.of("name", "Durable Dora", "email", email, "password", TestData.PASSWORD));
		assertThat(signUp.statusCode()).as(() -> "sign-up: " + signUp.body() + first.describe()).isEqualTo(201);
		ProcessHandle orphan = runningPostmaster(dataDir, first);

		first.process().destroyForcibly();
		awaitExit(first, Duration.ofSeconds(30));
		// zonky runs the postmaster detached: the killed JVM leaves it behind, holding the data directory.
		assertThat(orphan.isAlive()).as(() -> "postmaster %d survives the kill -9".formatted(orphan.pid())).isTrue();

		Skyport second = start(temp, dataDir, "kill-9-second");
		awaitHealthy(second);
		awaitGone(orphan, second);
		assertThat(second.log()).as(second::describe)
			.containsSubsequence("Stopped the orphaned PostgreSQL (pid " + orphan.pid() + ")", "Using embedded PostgreSQL");
		HttpResponse<String> token = post(second, "/api/v1/auth/tokens",
				Map.of("email", email, "password", TestData.PASSWORD, "name", "after kill -9"));
		assertThat(token.statusCode()).as(() -> "sign-in after restart: " + token.body() + second.describe())
			.isEqualTo(201);
		assertThat(json.readTree(token.body()).path("token").asString()).isNotBlank();

		ProcessHandle postmaster = runningPostmaster(dataDir, second);
		assertThat(postmaster.pid()).isNotEqualTo(orphan.pid());
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + pidFileLine(dataDir, 4) + "/skyport?user=postgres")) {
			assertThat(show(connection, "fsync")).isEqualTo("on");
			assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
			assertThat(show(connection, "full_page_writes")).isEqualTo("on");
		}

		second.process().destroy();
		awaitExit(second, SHUTDOWN);
		awaitGone(postmaster, second);
		assertThat(dataDir.resolve("postmaster.pid")).as("a clean PostgreSQL shutdown removes its pid file").doesNotExist();
		assertThat(second.log()).as(second::describe)
			.containsSubsequence("Commencing graceful shutdown", "Graceful shutdown complete",
					"skyport-embedded - Shutdown completed", "Stopped embedded PostgreSQL");
	}

	@Test
	void a_second_skyport_refuses_a_data_directory_in_use_and_leaves_the_first_running(@TempDir Path temp)
			throws Exception {
		Path dataDir = temp.resolve("pg");
		Skyport holder = start(temp, dataDir, "lock-holder");
		awaitHealthy(holder);
		ProcessHandle postmaster = runningPostmaster(dataDir, holder);

		Skyport intruder = start(temp, dataDir, "lock-intruder");
		awaitExit(intruder, STARTUP);
		assertThat(intruder.process().exitValue()).as(intruder::describe).isNotZero();
		assertThat(intruder.log()).as(intruder::describe)
			.contains("Another Skyport process is using the embedded database in " + dataDir.toAbsolutePath().normalize());

		assertThat(postmaster.isAlive()).as("the running Skyport's postmaster is left alone").isTrue();
		assertThat(isUp(holder)).as(holder::describe).isTrue();
	}

	@AfterEach
	void leaveNoProcessesBehind() throws Exception {
		for (Skyport child : children) {
			child.process().destroyForcibly();
			child.process().waitFor(30, SECONDS);
		}
		for (Path dataDir : dataDirs) {
			Optional<ProcessHandle> postmaster = postmaster(dataDir)
				.filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(dataDir.toString()));
			if (postmaster.isPresent()) {
				ProcessHandle process = postmaster.get();
				process.destroy();
				try {
					process.onExit().get(30, SECONDS);
				}
				catch (TimeoutException ex) {
					process.destroyForcibly();
				}
			}
		}
	}

	private Skyport start(Path workDir, Path dataDir, String name) throws IOException {
		Files.createDirectories(LOGS);
		Path log = LOGS.resolve(name + ".log");
		int port = freePort();
		// C1 only: starts markedly faster on a busy two-core machine and changes nothing under test.
		List<String> command = List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
				"-cp", APP_CLASSPATH, "io.skyport.SkyportApplication", "--server.port=" + port,
				"--skyport.embedded-postgres.data-dir=" + dataDir, "--skyport.demo.enabled=true");
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Skyport child = new Skyport(process, port, log);
		children.add(child);
		if (!dataDirs.contains(dataDir)) {
			dataDirs.add(dataDir);
		}
		return child;
	}

	private void awaitHealthy(Skyport child) {
		try {
			await().atMost(STARTUP)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.failFast("Skyport exited before it became healthy", () -> !child.process().isAlive())
				.until(() -> isUp(child));
		}
		catch (ConditionTimeoutException | TerminalFailureException ex) {
			throw new AssertionError(ex.getMessage() + child.describe(), ex);
		}
	}

	private static void awaitExit(Skyport child, Duration timeout) throws InterruptedException {
		assertThat(child.process().waitFor(timeout.toMillis(), MILLISECONDS))
			.as(() -> "Skyport still running after " + timeout + child.describe())
			.isTrue();
	}

	private static ProcessHandle runningPostmaster(Path dataDir, Skyport child) throws IOException {
		return postmaster(dataDir).orElseThrow(() -> new AssertionError("no postmaster running on " + dataDir
				+ child.describe()));
	}

	/** A process that is not our child may linger a moment after it was stopped, until init reaps it. */
	private static void awaitGone(ProcessHandle process, Skyport child) {
		try {
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("postmaster " + process.pid() + " is still running" + child.describe(), ex);
		}
	}

	private boolean isUp(Skyport child) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(child.uri("/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return false;
		}
		JsonNode health = json.readTree(response.body());
		return "UP".equals(health.path("status").asString());
	}

	private HttpResponse<String> post(Skyport child, String path, Map<String, String> body)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(child.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The live process recorded in line 1 of {@code postmaster.pid}, if any. */
	private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
		try {
			return ProcessHandle.of(Long.parseLong(pidFileLine(dataDir, 1))).filter(ProcessHandle::isAlive);
		}
		catch (NoSuchFileException | NumberFormatException | IndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	private static String pidFileLine(Path dataDir, int line) throws IOException {
		return Files.readAllLines(dataDir.resolve("postmaster.pid")).get(line - 1).trim();
	}

	private static String show(Connection connection, String setting) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("show " + setting)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private record Skyport(Process process, int port, Path logFile) {

		URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		String log() {
			try {
				return Files.readString(logFile, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The end of the child's log, for assertion messages. */
		String describe() {
			List<String> lines = log().lines().toList();
			return "\n--- last lines of " + logFile + " ---\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
	}
}
