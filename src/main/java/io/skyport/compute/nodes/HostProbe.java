package io.skyport.compute.nodes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.HostReport;
import io.skyport.compute.provider.ProviderAvailability;
import io.skyport.compute.provider.ProviderTarget;

/**
 * Asks the compute provider about one host, turning every way a probe can fail into a {@link ProbeResult}. Works
 * without a provider bean (a build without an adapter): then compute is unavailable and nothing is probed.
 */
@Component
class HostProbe {

	private static final Logger log = LoggerFactory.getLogger(HostProbe.class);

	static final String NO_PROVIDER = "No compute provider is part of this build (the libvirt adapter is missing).";

	private final ObjectProvider<ComputeProvider> providers;

	HostProbe(ObjectProvider<ComputeProvider> providers) {
		this.providers = providers;
	}

	/** Whether hosts can be probed at all, and if not, why. */
	ProviderAvailability availability() {
		ComputeProvider provider = providers.getIfAvailable();
		if (provider == null) {
			return ProviderAvailability.unavailable(NO_PROVIDER);
		}
		try {
			return provider.availability();
		}
		catch (RuntimeException | LinkageError ex) {
			return ProviderAvailability.unavailable("The compute provider failed to start: " + describe(ex));
		}
	}

	/** Probes one host; never throws. */
	ProbeResult probe(ProviderTarget target) {
		ComputeProvider provider = providers.getIfAvailable();
		ProviderAvailability availability = availability();
		if (provider == null || !availability.available()) {
			return new ProbeResult.Failed("Compute is unavailable: " + reason(availability));
		}
		try {
			return new ProbeResult.Answered(provider.probe(target));
		}
		catch (RuntimeException | LinkageError ex) {
			log.debug("Probe of node {} ({}) failed", target.name(), target.uri(), ex);
			return new ProbeResult.Failed(describe(ex));
		}
	}

	static String reason(ProviderAvailability availability) {
		String reason = availability.reason();
		return reason == null || reason.isBlank() ? "the provider gave no reason." : reason;
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}

	/** The outcome of one probe. */
	sealed interface ProbeResult {

		record Answered(HostReport report) implements ProbeResult {
		}

		record Failed(String reason) implements ProbeResult {
		}
	}
}
