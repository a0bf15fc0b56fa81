package io.skyport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real libvirtd with QEMU on this machine, and the guest images of {@code tools/guest}, for end-to-end tests:
 * {@link #start()} runs {@code tools/libvirt/fixture start} (which installs and starts what is missing and says what
 * it made) and {@link #stop()} undoes what it started. {@link #unavailableBecause()} says why QEMU cannot run guests
 * here, for the tests to skip with that message; everywhere QEMU runs, they run.
 */
public final class RealHypervisor {

	private static final Logger log = LoggerFactory.getLogger(RealHypervisor.class);

	/** Building the Debian guest the first time takes a few minutes (packages, then a 3 GiB file system). */
	private static final Duration BUILD_PATIENCE = Duration.ofMinutes(15);

	private static final Duration FIXTURE_PATIENCE = Duration.ofMinutes(5);

	private final Map<String, String> facts;

	private RealHypervisor(Map<String, String> facts) {
		this.facts = facts;
	}

	/** A guest image built by {@code tools/guest/build}: its directory and the files' SHA-256 sums. */
	public record GuestImage(Path directory, String cmdline, Map<String, String> sha256) {

		public Path disk() {
			return directory.resolve("disk.qcow2");
		}

		public Path kernel() {
			return directory.resolve("vmlinuz");
		}

		public Path initrd() {
			return directory.resolve("initrd.img");
		}
	}

	/** Starts (or finds) libvirtd, the guests' network and storage pool. */
	public static RealHypervisor start() {
		Map<String, String> facts = new HashMap<>();
		for (String line : run(FIXTURE_PATIENCE, "tools/libvirt/fixture", "start").split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				facts.put(line.substring(0, equals), line.substring(equals + 1).trim());
			}
		}
		return new RealHypervisor(facts);
	}

	/**
	 * Why guests cannot run here ({@code qemu-system-x86_64} missing or unable to start), or {@code null} when they
	 * can. Call after {@link #start()}, which installs QEMU where it can.
	 */
	public static String unavailableBecause() {
		Path qemu = Path.of("/usr/bin/qemu-system-x86_64");
		if (!Files.isExecutable(qemu)) {
			return "qemu-system-x86_64 is not installed (tools/libvirt/fixture start installs it as root)";
		}
		try {
			// A machine is created (stopped), answers QMP and quits: QEMU can emulate here.
			runWithInput(Duration.ofSeconds(60), "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n",
					qemu.toString(), "-machine", "q35,accel=tcg", "-nodefaults", "-no-user-config", "-display", "none",
					"-S", "-qmp", "stdio");
			return null;
		}
		catch (IllegalStateException ex) {
			return "qemu-system-x86_64 cannot run here: " + ex.getMessage();
		}
	}

	public void stop() {
		run(FIXTURE_PATIENCE, "tools/libvirt/fixture", "stop");
	}

	/** Builds (or takes from the cache) a guest of {@code tools/guest/build}: {@code debian} or {@code busybox}. */
	public static GuestImage guest(String kind) {
		String output = run(BUILD_PATIENCE, "tools/guest/build", kind);
		Path directory = Path.of(output.lines().reduce((first, second) -> second).orElseThrow().trim());
		try {
			Map<String, String> sums = new HashMap<>();
			for (String line : Files.readAllLines(directory.resolve("SHA256SUMS"))) {
				String[] parts = line.trim().split("\\s+");
				sums.put(parts[1], parts[0]);
			}
			return new GuestImage(directory, Files.readString(directory.resolve("cmdline")).trim(), sums);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The guest built in " + directory + " is incomplete", ex);
		}
	}

	public String uri() {
		return fact("uri");
	}

	public String virtType() {
		return fact("virt_type");
	}

	public String network() {
		return fact("network");
	}

	public String storagePool() {
		return fact("pool");
	}

	/** Where guests reach this host (and a Skyport listening on all addresses). */
	public String hostAddress() {
		return fact("host_address");
	}

	/** {@code virsh} on the hypervisor: its output; fails on a non-zero exit. */
	public String virsh(String... arguments) {
		List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", uri()));
		command.addAll(List.of(arguments));
		return run(Duration.ofMinutes(1), command.toArray(String[]::new));
	}

	private String fact(String name) {
		String value = facts.get(name);
		if (value == null || value.isEmpty()) {
			throw new IllegalStateException("tools/libvirt/fixture did not report " + name + ": " + facts);
		}
		return value;
	}

	/** Runs a command in the project directory: its standard output; fails with its error output otherwise. */
	public static String run(Duration patience, String... command) {
		return runWithInput(patience, "", command);
	}

	/** Runs a command with {@code input} on its standard input: its standard output; fails otherwise. */
	static String runWithInput(Duration patience, String input, String... command) {
		String line = String.join(" ", command);
		Path output = null;
		Path errors = null;
		try {
			output = Files.createTempFile("skyport-command", ".out");
			errors = Files.createTempFile("skyport-command", ".err");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(errors.toFile())
				.start();
			try (var stdin = process.getOutputStream()) {
				stdin.write(input.getBytes(StandardCharsets.UTF_8));
			}
			if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(line + " took longer than " + patience);
			}
			String error = Files.readString(errors);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(line + " failed (" + process.exitValue() + "): " + error.strip());
			}
			if (!error.isBlank()) {
				log.info("{}: {}", command[0], error.strip());
			}
			return Files.readString(output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + line + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + line, ex);
		}
		finally {
			deleteQuietly(output);
			deleteQuietly(errors);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.debug("Cannot delete {}", file, ex);
			}
		}
	}
}
