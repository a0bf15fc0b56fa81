package io.skyport.realvm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.skyport.testing.RealHypervisor;

/** Starting and stopping the real hypervisor around a test class, skipping (never silently) where QEMU cannot run. */
final class RealVmSupport {

	private static final Logger log = LoggerFactory.getLogger(RealVmSupport.class);

	private RealVmSupport() {
	}

	/** The started hypervisor; skips the calling test class, with the reason, where QEMU cannot run guests. */
	static RealHypervisor startOrSkip() {
		RealHypervisor hypervisor;
		try {
			hypervisor = RealHypervisor.start();
		}
		catch (IllegalStateException ex) {
			skipIfQemuCannotRun();
			throw ex;
		}
		skipIfQemuCannotRun();
		return hypervisor;
	}

	private static void skipIfQemuCannotRun() {
		String why = RealHypervisor.unavailableBecause();
		if (why != null) {
			log.warn("SKIPPED: the real-VM tests cannot run here: {}", why);
		}
		assumeTrue(why == null, () -> "Real-VM tests skipped: " + why);
	}

	/** Stops what the fixture started and removes the key pair. */
	static void stop(@Nullable RealHypervisor hypervisor, @Nullable Path keyDirectory) throws IOException {
		if (hypervisor != null) {
			hypervisor.stop();
		}
		if (keyDirectory != null) {
			try (var files = Files.list(keyDirectory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(keyDirectory);
		}
	}
}
