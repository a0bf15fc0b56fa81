package io.skyport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Prometheus' {@code promtool}, provided by {@code tools/promtool/install} (the Debian package unpacked into a cache,
 * no service). {@link #find()} is {@code null} with {@link #unavailableBecause()} set when it cannot be installed here,
 * for tests to skip with that reason.
 */
public final class Promtool {

	private static final Duration INSTALL_PATIENCE = Duration.ofMinutes(3);

	private static final Duration CHECK_PATIENCE = Duration.ofMinutes(1);

	private static @Nullable Promtool found;

	private static @Nullable String unavailable;

	private final Path executable;

	private Promtool(Path executable) {
		this.executable = executable;
	}

	/** The installed promtool, or {@code null} when it cannot be installed ({@link #unavailableBecause()} says why). */
	public static synchronized @Nullable Promtool find() {
		if (found == null && unavailable == null) {
			try {
				String output = RealHypervisor.run(INSTALL_PATIENCE, "tools/promtool/install");
				found = new Promtool(Path.of(output.strip().lines().reduce((first, second) -> second).orElseThrow()));
			}
			catch (IllegalStateException ex) {
				unavailable = ex.getMessage();
			}
		}
		return found;
	}

	/** Why {@link #find()} found no promtool. */
	public static synchronized @Nullable String unavailableBecause() {
		return unavailable;
	}

	/** What {@code promtool check metrics} said about an exposition: its exit code and its combined output. */
	public record Verdict(int exitCode, String output) {

		public boolean passed() {
			return exitCode == 0;
		}
	}

	/** Pipes {@code exposition} (Prometheus text format) through {@code promtool check metrics}. */
	public Verdict checkMetrics(String exposition) {
		return run(exposition, "check", "metrics");
	}

	/** {@code promtool check config} of a Prometheus configuration file (the files it names must exist). */
	public Verdict checkConfig(Path configuration) {
		return run("", "check", "config", configuration.toString());
	}

	private Verdict run(String input, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable.toString());
		command.addAll(List.of(arguments));
		try {
			Path output = Files.createTempFile("promtool", ".out");
			try {
				Process process = new ProcessBuilder(command)
					.redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				try (var stdin = process.getOutputStream()) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
				if (!process.waitFor(CHECK_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " took longer than " + CHECK_PATIENCE);
				}
				return new Verdict(process.exitValue(), Files.readString(output));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + executable + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running promtool", ex);
		}
	}
}
