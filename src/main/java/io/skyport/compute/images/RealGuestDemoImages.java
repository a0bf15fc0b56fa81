package io.skyport.compute.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With the demo data and {@code bin/demo --real-vms}, registers the guests {@code tools/guest/build} made (directories
 * in {@code skyport.demo.real-vms.debian-guest} and {@code .busybox-guest}) as direct-boot images, once, by name:
 * their disk, kernel and initrd by path with the SHA-256 sums of the build, so Skyport imports and verifies them and
 * copies them to every node.
 */
@Component
@Order(25)
@ConditionalOnBooleanProperty("skyport.demo.enabled")
@ConditionalOnProperty("skyport.demo.real-vms.debian-guest")
class RealGuestDemoImages implements ApplicationRunner {

	/** The name the demo catalog's real-VM product looks the Debian guest up by (it runs after this, at order 26). */
	static final String DEBIAN = "Debian 12 (Skyport guest)";
	static final String BUSYBOX = "Busybox (Skyport test guest)";

	private static final Logger log = LoggerFactory.getLogger(RealGuestDemoImages.class);

	private final ImageRegistry registry;
	private final Images images;
	private final Path debianGuest;
	private final Path busyboxGuest;

	RealGuestDemoImages(ImageRegistry registry, Images images,
			@Value("${skyport.demo.real-vms.debian-guest}") Path debianGuest,
			@Value("${skyport.demo.real-vms.busybox-guest:}") String busyboxGuest) {
		this.registry = registry;
		this.images = images;
		this.debianGuest = debianGuest;
		this.busyboxGuest = busyboxGuest.isBlank() ? null : Path.of(busyboxGuest);
	}

	@Override
	public void run(ApplicationArguments args) {
		register(DEBIAN, "DEBIAN", "debian", 3, debianGuest,
				"Debian 12 with cloud-init and OpenSSH, built from Debian packages by tools/guest/build.");
		if (busyboxGuest != null) {
			register(BUSYBOX, "OTHER", "root", 1, busyboxGuest,
					"A guest that only fetches its configuration and phones home: no login. For trying the platform.");
		}
	}

	private void register(String name, String osFamily, String user, int minDiskGib, Path guest, String description) {
		if (images.existsByNameIgnoreCase(name)) {
			return;
		}
		Map<String, String> sums = sums(guest);
		registry.create(new ImageRegistry.ImageForm(name, osFamily, guest.resolve("disk.qcow2").toString(), user,
				minDiskGib, description, "KERNEL", sums.get("disk.qcow2"), guest.resolve("vmlinuz").toString(),
				sums.get("vmlinuz"), guest.resolve("initrd.img").toString(), sums.get("initrd.img"), cmdline(guest)));
		log.info("Registered the guest image {} from {}", name, guest);
	}

	private static Map<String, String> sums(Path guest) {
		Map<String, String> sums = new HashMap<>();
		try {
			for (String line : Files.readAllLines(guest.resolve("SHA256SUMS"))) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 2) {
					sums.put(parts[1], parts[0]);
				}
			}
			return sums;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the guest's SHA256SUMS in " + guest, ex);
		}
	}

	private static String cmdline(Path guest) {
		try {
			return Files.readString(guest.resolve("cmdline")).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the guest's cmdline in " + guest, ex);
		}
	}
}
