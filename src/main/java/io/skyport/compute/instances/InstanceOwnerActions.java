package io.skyport.compute.instances;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceState;
import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.NotFoundException;

/**
 * What an instance's owner (or an operator) does with it in the panel and the API: start, stop, reboot, read the
 * console and, for operators, the machine's definition. Checks who may see the instance, then turns host trouble
 * into answers a person understands (503 "try again", 409 "the host refused").
 */
@Service
class InstanceOwnerActions {

	static final int CONSOLE_BYTES = 64 * 1024;
	/** The data-source token in the SMBIOS serial: a secret, so operators see the definition without it. */
	private static final Pattern SEED_TOKEN = Pattern.compile("(/nocloud/)[A-Za-z0-9_-]+/");
	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final InstanceRegistry registry;
	private final InstanceProvisioning provisioning;
	private final InstanceHosts hosts;
	private final InstanceViews views;

	InstanceOwnerActions(InstanceRegistry registry, InstanceProvisioning provisioning, InstanceHosts hosts,
			InstanceViews views) {
		this.registry = registry;
		this.provisioning = provisioning;
		this.hosts = hosts;
		this.views = views;
	}

	/** Start, stop or reboot, for the owner or an operator. */
	InstanceDetails act(CurrentUser viewer, UUID id, Instance.Action action) {
		Instance instance = registry.visible(viewer, id);
		instance.requireAllowed(action);
		return answer(instance, () -> switch (action) {
			case START -> provisioning.start(instance.id());
			case STOP -> provisioning.stop(instance.id());
			case REBOOT -> {
				hosts.run(instance, "reboot the machine", (p, target) -> p.rebootMachine(target, instance.machineName()));
				yield views.details(instance);
			}
		});
	}

	/** The tail of the serial console, for the owner or an operator. */
	String console(CurrentUser viewer, UUID id) {
		Instance instance = registry.visible(viewer, id);
		if (instance.nodeId() == null || instance.state() == InstanceState.DELETED) {
			return "";
		}
		return answer(instance, () -> hosts.call(instance, "read the console",
				(p, target) -> p.consoleOutput(target, instance.machineName(), CONSOLE_BYTES)));
	}

	/** The host's definition of the machine (libvirt domain XML) with the seed token hidden, for operators. */
	String definition(CurrentUser viewer, UUID id) {
		Instance instance = registry.visible(viewer, id);
		if (instance.nodeId() == null || instance.state() == InstanceState.DELETED) {
			throw new NotFoundException("The instance " + instance.name() + " has no machine on a host.");
		}
		String xml = answer(instance, () -> hosts.call(instance, "read the machine's definition",
				(p, target) -> p.machineDefinition(target, instance.machineName())));
		return SEED_TOKEN.matcher(xml).replaceAll("$1REDACTED/");
	}

	private static <T> T answer(Instance instance, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ComputeUnavailableException ex) {
			throw new BusyException("The host of " + instance.name() + " does not answer right now; try again shortly.",
					ex.retryAfter() == null ? RETRY_AFTER : ex.retryAfter());
		}
		catch (ComputeRefusedException ex) {
			throw new ConflictException(ex.getMessage());
		}
	}
}
