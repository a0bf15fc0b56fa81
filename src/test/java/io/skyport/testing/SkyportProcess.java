package io.skyport.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Another Skyport server in a child JVM on the test's database: the test classpath, a main class of the test's
 * choosing, and {@code --name=value} arguments. Its output goes to {@code target/<name>.log} and is kept for
 * {@link #awaitLine}. {@link #kill()} is {@code kill -9}; {@link #close()} stops it gracefully.
 */
public final class SkyportProcess implements AutoCloseable {

	/** Set in a child process, so the test class path's context initializer does not start a database of its own. */
	static final String CHILD_PROCESS = "skyport.test.child-process";

	private final String name;
	private final Process process;
	private final int port;
	private final List<String> lines = new CopyOnWriteArrayList<>();

	private SkyportProcess(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
		Thread reader = new Thread(this::readOutput, "output-of-" + name);
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts {@code mainClass} with the shared test PostgreSQL and the given Spring arguments. */
	public static SkyportProcess start(String name, Class<?> mainClass, String jdbcUrl, List<String> arguments) {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.add("--" + CHILD_PROCESS + "=true");
		command.add("--spring.datasource.url=" + jdbcUrl);
		command.add("--spring.datasource.username=postgres");
		command.add("--server.port=" + port);
		command.add("--skyport.storage.local.root=target/test-objects");
		command.add("--skyport.compute.probe-enabled=false");
		command.add("--skyport.demo.enabled=false");
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.PIPE)
				.start();
			return new SkyportProcess(name, process, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** A GET of this server's {@code path} with the given {@code Authorization} header. */
	public HttpResponse<String> get(String path, String authorization) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", authorization)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while asking " + name, ex);
		}
	}

	public long pid() {
		return process.pid();
	}

	/** Waits for a line of output that matches; fails with the tail of the output if none comes or the JVM dies. */
	public String awaitLine(Predicate<String> matching, Duration patience) {
		Instant deadline = Instant.now().plus(patience);
		while (Instant.now().isBefore(deadline)) {
			Optional<String> line = lines.stream().filter(matching).findFirst();
			if (line.isPresent()) {
				return line.get();
			}
			if (!process.isAlive()) {
				throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before the line came:\n" + tail());
			}
			try {
				synchronized (lines) {
					lines.wait(50); // woken by each new line
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + name, ex);
			}
		}
		throw new AssertionError("No such line from " + name + " within " + patience + ":\n" + tail());
	}

	public List<String> lines() {
		return List.copyOf(lines);
	}

	/** {@code kill -9}: no shutdown hook, no graceful stop, leases and heartbeats simply stop. */
	public void kill() {
		process.destroyForcibly();
		waitForExit();
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			process.destroy();
			waitForExit();
		}
	}

	private void waitForExit() {
		try {
			if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String tail() {
		List<String> all = lines();
		return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
	}

	private void readOutput() {
		Path log = Path.of("target", name + ".log");
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				var out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
				synchronized (lines) {
					lines.notifyAll();
				}
				out.write(line);
				out.newLine();
				out.flush();
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
