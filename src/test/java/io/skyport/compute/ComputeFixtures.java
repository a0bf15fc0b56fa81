package io.skyport.compute;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.skyport.compute.images.ImageRegistry;

/**
 * Images for tests of other modules. A test-only bean: autowire it in a {@code @SkyportIntegrationTest}.
 */
@Component
public class ComputeFixtures {

	private final ImageRegistry registry;
	private final ComputeInstances instances;

	ComputeFixtures(ImageRegistry registry, ComputeInstances instances) {
		this.registry = registry;
		this.instances = instances;
	}

	/** Runs the saga's compute steps in order, as the deployer does: the instance ends {@code RUNNING}. */
	public InstanceDetails provision(InstanceId id) {
		instances.createMachine(id);
		instances.configureAccess(id);
		instances.attachDataDisk(id);
		return instances.start(id);
	}

	/** Creates the instance with a fresh ID. */
	public InstanceId create(NewInstance request) {
		InstanceId id = new InstanceId(UUID.randomUUID());
		instances.create(id, request);
		return id;
	}

	/** A new available image needing the given root disk. */
	public ImageSummary image(int minDiskGib) {
		ImageRegistry.ImageView image = registry.create(ImageRegistry.ImageForm.inPlace("Test image " + UUID.randomUUID(),
				"DEBIAN", "default/debian-12.qcow2", "debian", minDiskGib, null));
		return registry.find(new ImageId(image.id())).orElseThrow();
	}
}
