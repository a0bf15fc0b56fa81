package io.skyport.realvm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.skyport.compute.ComputeInstances;
import io.skyport.deployer.DeployerFixtures;
import io.skyport.realvm.RealVmFixtures.World;
import io.skyport.testing.RealHypervisor;

/**
 * A test class on the real hypervisor: before its tests the fixture is started and the {@link World} made (skipping the
 * class, with the reason, where QEMU cannot run guests — never silently); after them the fixture is stopped and the
 * customer's key pair removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealVmTest {

	private static final Logger log = LoggerFactory.getLogger(RealVmTest.class);

	@Autowired
	RealVmFixtures realVms;

	@Autowired
	DeployerFixtures fixtures;

	@Autowired
	ComputeInstances instances;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	RealHypervisor hypervisor;

	World world;

	private Path keyDirectory;

	@BeforeAll
	void hypervisorAndWorld() throws IOException {
		hypervisor = startOrSkip();
		keyDirectory = Files.createTempDirectory("skyport-real-vm");
		world = realVms.world(hypervisor, port, keyDirectory);
	}

	@AfterAll
	void leaveNothingBehind() throws IOException {
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

	/** The temporary directory of the customer's key pair, for files a test writes beside it. */
	Path scratch() {
		return keyDirectory;
	}

	private static RealHypervisor startOrSkip() {
		RealHypervisor started;
		try {
			started = RealHypervisor.start();
		}
		catch (IllegalStateException ex) {
			skipIfQemuCannotRun();
			throw ex;
		}
		skipIfQemuCannotRun();
		return started;
	}

	private static void skipIfQemuCannotRun() {
		String why = RealHypervisor.unavailableBecause();
		if (why != null) {
			log.warn("SKIPPED: the real-VM tests cannot run here: {}", why);
		}
		assumeTrue(why == null, () -> "Real-VM tests skipped: " + why);
	}
}
