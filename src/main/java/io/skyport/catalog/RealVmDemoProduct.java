package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageSummary;
import io.skyport.platform.images.GeneratedLogo;

/**
 * With the demo data and {@code bin/demo --real-vms}, publishes the demo vendor's "Debian server (real VM)", once: a
 * bare plan and a plan with a data disk on the Debian guest image, orderable only in the region of the local libvirt
 * node, so an order becomes a real QEMU guest the customer logs into over SSH.
 */
@Component
@Order(26)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
@ConditionalOnProperty("skyport.demo.real-vms.debian-guest")
class RealVmDemoProduct implements ApplicationRunner {

	static final String NAME = "Debian server (real VM)";
	/** The image and region registered by compute's demo data for real VMs. */
	static final String IMAGE = "Debian 12 (Skyport guest)";
	static final String REGION = "local-qemu";

	private static final Logger log = LoggerFactory.getLogger(RealVmDemoProduct.class);

	private final Accounts accounts;
	private final ProductService products;
	private final PlanService plans;
	private final MediaService media;
	private final ComputeImages images;

	RealVmDemoProduct(Accounts accounts, ProductService products, PlanService plans, MediaService media,
			ComputeImages images) {
		this.accounts = accounts;
		this.products = products;
		this.plans = plans;
		this.media = media;
		this.images = images;
	}

	@Override
	public void run(ApplicationArguments args) {
		CurrentUser vendor = accounts.findUserByEmail("vendor@skyport.local").orElse(null);
		Optional<ImageSummary> image = images.available().stream().filter(i -> i.name().equals(IMAGE)).findFirst();
		if (vendor == null || image.isEmpty()
				|| products.list(vendor).stream().anyMatch(product -> product.fields().name().equals(NAME))) {
			return;
		}
		ProductView product = products.create(vendor, new ProductInput(NAME, null,
				"A real Debian 12 server on this machine's QEMU, configured by cloud-init with your SSH key.",
				"## A real server\n\n* Debian 12 with cloud-init and OpenSSH\n* Your SSH key as user `debian`\n"
						+ "* Optionally a data disk mounted at `/srv/data`\n\nBooted under software emulation: it takes "
						+ "about a minute to be ready.",
				"developer-tools", List.of("debian", "linux", "real vm"), "support@acme.example", null, null, null,
				"debian", null, List.of(22)));
		String imageId = image.get().id().id().toString();
		plans.add(vendor, product.id(), new PlanInput("Small", 1, 1024, 4, null, null, imageId, new BigDecimal("5.00"),
				"EUR", 100, new BigDecimal("0.02"), 0, List.of(REGION)));
		plans.add(vendor, product.id(), new PlanInput("With data disk", 1, 1024, 4, 2, "/srv/data", imageId,
				new BigDecimal("7.00"), "EUR", 100, new BigDecimal("0.02"), 0, List.of(REGION)));
		media.uploadLogo(vendor, product.id(), GeneratedLogo.png("DB", 0xa80030));
		products.publish(vendor, product.id());
		log.info("Published the demo product {} on the image {} in region {}", NAME, IMAGE, REGION);
	}
}
