package io.skyport.compute.libvirt;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.skyport.compute.provider.ProviderAvailability;

/**
 * Loads the native libvirt library once per JVM and says whether that worked. Without {@code libvirt0} the first use
 * of libvirt-java throws {@link UnsatisfiedLinkError} and every later one {@link NoClassDefFoundError}; both are caught
 * here, once, and turned into an unavailable {@link ProviderAvailability} with the reason, logged as one WARN.
 * <p>
 * When the library loads, libvirt's default error printer (every failed lookup on stderr) is silenced — errors reach
 * the adapter as {@link LibvirtException}s — and libvirt's event loop runs on a daemon thread, which keep-alive
 * messages on remote connections need.
 */
final class LibvirtLibrary {

	private static final Logger log = LoggerFactory.getLogger(LibvirtLibrary.class);

	/** Held for the life of the JVM: libvirt calls it from native code. */
	private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> {
	};

	private static @Nullable ProviderAvailability availability;

	private static boolean eventLoop;

	private LibvirtLibrary() {
	}

	/** Whether libvirt can be used in this JVM; loads it on the first call. */
	static synchronized ProviderAvailability availability() {
		if (availability == null) {
			availability = load();
		}
		return availability;
	}

	/** Whether libvirt's event loop runs, so keep-alive can be switched on for remote connections. */
	static synchronized boolean eventLoopRunning() {
		return eventLoop;
	}

	private static ProviderAvailability load() {
		long version;
		try {
			version = Library.getVersion();
		}
		catch (LinkageError e) {
			String reason = "the native libvirt library (Debian package libvirt0) could not be loaded: " + oneLine(e);
			log.warn("Compute is unavailable: {}", reason);
			return ProviderAvailability.unavailable("Compute is unavailable: " + reason);
		}
		catch (LibvirtException | RuntimeException e) {
			String reason = "the native libvirt library did not initialise: " + oneLine(e);
			log.warn("Compute is unavailable: {}", reason);
			return ProviderAvailability.unavailable("Compute is unavailable: " + reason);
		}
		silenceErrorPrinter();
		eventLoop = startEventLoop();
		log.info("libvirt {}.{}.{} loaded{}", version / 1_000_000, version / 1000 % 1000, version % 1000,
				eventLoop ? "" : " (without its event loop: no keep-alive on remote connections)");
		return ProviderAvailability.ready();
	}

	private static void silenceErrorPrinter() {
		try {
			Connect.setErrorCallback(QUIET);
		}
		catch (LibvirtException e) {
			log.debug("libvirt's error printer stays on: {}", e.getMessage());
		}
	}

	private static boolean startEventLoop() {
		try {
			Library.initEventLoop();
		}
		catch (LibvirtException e) {
			log.warn("libvirt's event loop could not be set up, remote connections run without keep-alive: {}",
					e.getMessage());
			return false;
		}
		Thread.ofPlatform().daemon().name("libvirt-events").start(() -> {
			try {
				Library.runEventLoop();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (LibvirtException e) {
				log.warn("libvirt's event loop stopped; keep-alive on remote connections no longer works: {}",
						e.getMessage());
			}
		});
		return true;
	}

	/** JNA's message repeats itself per search path and lists the class path: keep what a person needs. */
	private static String oneLine(Throwable e) {
		String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		String line = message.lines()
			.map(String::strip)
			.filter(part -> !part.isEmpty() && !part.startsWith("Native library ("))
			.distinct()
			.collect(Collectors.joining(" "));
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}
}
