package io.skyport.deployer;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.skyport.SkyportApplication;
import io.skyport.deployer.deployments.FreezeAfterStep;

/**
 * Skyport in a child JVM for the process tests, with the test classes on its class path: component scanning finds
 * the {@link FreezeAfterStep} hook there.
 */
public final class DeployerProcess {

	private DeployerProcess() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(SkyportApplication.class).run(args);
	}
}
