package io.skyport.compute;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Images for tests of other modules. A test-only bean: autowire it in a {@code @SkyportIntegrationTest}.
 */
@Component
public class ComputeFixtures {

	private final ImageRegistry registry;

	ComputeFixtures(ImageRegistry registry) {
		this.registry = registry;
	}

	/** A new available image needing the given root disk. */
	public ImageSummary image(int minDiskGib) {
		ImageRegistry.ImageView image = registry.create(new ImageRegistry.ImageForm("Test image " + UUID.randomUUID(),
				"DEBIAN", "default/debian-12.qcow2", "debian", minDiskGib, null));
		return registry.find(new ImageId(image.id())).orElseThrow();
	}
}
