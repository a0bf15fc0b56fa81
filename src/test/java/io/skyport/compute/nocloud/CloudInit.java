package io.skyport.compute.nocloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's cloud-init (Debian package {@code cloud-init} 22.4, under {@code /usr/bin/python3}) on what the
 * data source serves: the scripts in {@code src/test/resources/cloud-init/}.
 */
final class CloudInit {

	static final Path PYTHON = Paths.get("/usr/bin/python3");
	private static final Path SCRIPTS = Paths.get("src/test/resources/cloud-init");

	private CloudInit() {
	}

	/** What a script printed (stdout and stderr together) and its exit code. */
	record Result(int exitCode, String output) {
	}

	/** cloud-init's schema validation of a #cloud-config document, strict. */
	static Result validateUserData(byte[] userData) throws IOException, InterruptedException {
		Path file = Files.createTempFile("user-data", ".yaml");
		try {
			Files.write(file, userData);
			return run("validate_user_data.py", file.toString());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/** cloud-init's network-config parser, then its netplan renderer. */
	static Result parseNetworkConfig(byte[] networkConfig) throws IOException, InterruptedException {
		Path file = Files.createTempFile("network-config", ".yaml");
		try {
			Files.write(file, networkConfig);
			return run("parse_network_config.py", file.toString());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/** cloud-init's DataSourceNoCloudNet reading the seed the serial points at, then phoning home. */
	static Result fetchSeed(String smbiosSerial) throws IOException, InterruptedException {
		Path work = Files.createTempDirectory("cloud-init");
		return run("fetch_seed.py", smbiosSerial, work.toString());
	}

	private static Result run(String script, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(script + " did not finish within 60 s");
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}
}
