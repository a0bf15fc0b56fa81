package io.skyport.compute.images;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code skyport.demo.enabled=true} and an empty registry, registers the images the demo products use.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
class ImageDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ImageDemoData.class);

	static final List<ImageRegistry.ImageForm> DEMO_IMAGES = List.of(
			ImageRegistry.ImageForm.inPlace("Debian 12 (bookworm)", "DEBIAN", "default/debian-12-genericcloud-amd64.qcow2",
					"debian", 3, "Debian's official cloud image."),
			ImageRegistry.ImageForm.inPlace("Ubuntu 24.04 LTS", "UBUNTU", "default/noble-server-cloudimg-amd64.img", "ubuntu",
					4, "Ubuntu Server cloud image, long-term support."),
			ImageRegistry.ImageForm.inPlace("Rocky Linux 9", "ROCKY", "default/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2",
					"rocky", 10, "Enterprise Linux compatible."));

	private final ImageRegistry registry;

	ImageDemoData(ImageRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (registry.all().isEmpty()) {
			DEMO_IMAGES.forEach(registry::create);
			log.info("Registered {} demo images", DEMO_IMAGES.size());
		}
	}
}
