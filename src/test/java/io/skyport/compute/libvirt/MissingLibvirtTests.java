package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Without {@code libvirt0} Skyport still starts: the adapter reports why compute is unavailable, logs it once, and
 * every call fails with {@code ProviderUnavailableException} (not with the {@code UnsatisfiedLinkError} or
 * {@code NoClassDefFoundError} libvirt-java throws). The library is really missing: a second JVM is started with
 * JNA's search path pointed at an empty directory.
 */
class MissingLibvirtTests {

	private static final String REASON = "Compute is unavailable: the native libvirt library (Debian package libvirt0) "
			+ "could not be loaded: Unable to load library 'virt'";

	@Test
	void without_the_native_library_the_adapter_reports_why_and_every_call_is_unavailable() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
				"-Djna.library.path=/nonexistent", "-Djna.platform.library.path=/nonexistent", "-cp",
				System.getProperty("java.class.path"), MissingLibvirtMain.class.getName()))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("available=false",
				"reason=" + REASON + ": libvirt.so: cannot open shared object file: No such file or directory\n");
		assertThat(output.lines().filter(line -> line.contains("WARN") && line.contains(REASON.substring(0, 60))))
			.hasSize(1);
		assertThat(output.lines().filter(line -> line.startsWith("probe=ProviderUnavailableException: " + REASON)))
			.hasSize(2);
		assertThat(output).contains("create=ProviderUnavailableException: " + REASON,
				"stop=ProviderUnavailableException: " + REASON);
		assertThat(output).doesNotContain("NoClassDefFoundError", "UnsatisfiedLinkError");
	}
}
