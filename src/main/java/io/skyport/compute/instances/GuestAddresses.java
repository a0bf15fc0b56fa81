package io.skyport.compute.instances;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.InstanceConfigFetched;
import io.skyport.compute.InstanceId;
import io.skyport.compute.NodeId;
import io.skyport.compute.nocloud.GuestPhonedHome;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.platform.errors.NotFoundException;

/**
 * When a guest phones home: asks its node for the guest's addresses (a real guest gets its DHCP lease long after its
 * machine started, so the start rarely knows them), records them, marks the instance configured and only then
 * publishes {@link InstanceConfigFetched}, so the deployer's access instructions find the address.
 * <p>
 * Where the node hands out no leases (user-mode networking, a bridge to an outside DHCP server) the address the guest
 * phoned home from is recorded instead, unless it cannot be the guest's own: loopback, link-local, wildcard or
 * multicast, an address of this server, or of the guest's node (a guest behind its node's NAT, or user-mode
 * networking, phones home from there). A node that does not answer is logged and leaves the addresses as they were;
 * the instance is marked configured all the same.
 * <p>
 * Runs after the phone-home's transaction commits, on a small pool of its own ({@value #EXECUTOR}): the host call
 * (bounded by the node's call timeout) holds neither the guest's HTTP request nor an event-listener thread nor a
 * database connection. The event publication registry records the event first, so a server that dies meanwhile
 * has it resubmitted.
 */
@Component
class GuestAddresses {

	static final String EXECUTOR = "computeGuestAddressExecutor";

	private static final Logger log = LoggerFactory.getLogger(GuestAddresses.class);
	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final Instances instances;
	private final InstanceHosts hosts;
	private final NodeDirectory nodes;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;

	GuestAddresses(Instances instances, InstanceHosts hosts, NodeDirectory nodes, TransactionTemplate transactions,
			ApplicationEventPublisher events) {
		this.instances = instances;
		this.hosts = hosts;
		this.nodes = nodes;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Not a default candidate: an ordinary {@code Executor} bean would make Spring Boot back off from its
	 * {@code applicationTaskExecutor}, and every other asynchronous listener would land on this pool.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ExecutorConfiguration {

		@Bean(name = EXECUTOR, defaultCandidate = false)
		ThreadPoolTaskExecutor computeGuestAddressExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			executor.setMaxPoolSize(2);
			executor.setThreadNamePrefix("guest-addresses-");
			return executor;
		}
	}

	@Async(EXECUTOR)
	@TransactionalEventListener
	void on(GuestPhonedHome event) {
		InstanceId id = event.instanceId();
		List<String> addresses = instances.findById(id.id())
			.filter(instance -> !instance.deletingOrDeleted())
			.map(instance -> reported(instance, event.sourceAddress()))
			.orElse(List.of());
		transactions.executeWithoutResult(status -> {
			instances.findForUpdate(id.id()).filter(instance -> !instance.deletingOrDeleted()).ifPresent(instance -> {
				if (instance.recordAddresses(addresses, event.at())) {
					log.info("Instance {} phoned home; its addresses are {}", id, addresses);
				}
				instance.markConfigured(event.at());
				instances.save(instance);
			});
			events.publishEvent(new InstanceConfigFetched(id));
		});
	}

	/** The node's leases for the guest; else the phone-home's source, if it can be the guest's; else none. */
	private List<String> reported(Instance instance, String sourceAddress) {
		List<String> leased;
		try {
			leased = hosts.call(instance, "read the guest's addresses",
					(provider, target) -> provider.machineAddresses(target, instance.machineName()));
		}
		catch (ComputeUnavailableException | ComputeRefusedException ex) {
			log.warn("Could not read the addresses of instance {} from its node; keeping what is known: {}",
					instance.id(), ex.getMessage());
			return List.of();
		}
		if (!leased.isEmpty()) {
			return Instance.recordable(leased);
		}
		return guestsOwn(sourceAddress, instance.nodeId()).map(List::of).orElse(List.of());
	}

	/** The source address in its canonical form, if it can be the guest's own address. */
	Optional<String> guestsOwn(String sourceAddress, @Nullable NodeId nodeId) {
		InetAddress address = literal(sourceAddress);
		if (address == null || address.isLoopbackAddress() || address.isAnyLocalAddress()
				|| address.isLinkLocalAddress() || address.isMulticastAddress()) {
			return Optional.empty();
		}
		if (localAddresses().contains(address) || nodeAddresses(nodeId).contains(address)) {
			return Optional.empty();
		}
		return Optional.of(address.getHostAddress());
	}

	private static @Nullable InetAddress literal(String value) {
		if (!IP_LITERAL.matcher(value).matches() || !(value.contains(".") || value.contains(":"))) {
			return null;
		}
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static Set<InetAddress> localAddresses() {
		Set<InetAddress> local = new HashSet<>();
		try {
			for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
				nic.inetAddresses().forEach(local::add);
			}
		}
		catch (SocketException ex) {
			log.debug("Cannot list this server's addresses: {}", ex.getMessage());
		}
		return local;
	}

	/** The addresses of the node's host, from the host name of its URI ({@code qemu+ssh://host/system}). */
	private Set<InetAddress> nodeAddresses(@Nullable NodeId nodeId) {
		if (nodeId == null) {
			return Set.of();
		}
		String host;
		try {
			host = URI.create(nodes.target(nodeId).uri()).getHost();
		}
		catch (IllegalArgumentException | NotFoundException ex) {
			return Set.of();
		}
		if (host == null || host.isEmpty()) {
			return Set.of();
		}
		try {
			return new HashSet<>(Arrays.asList(InetAddress.getAllByName(
					host.startsWith("[") ? host.substring(1, host.length() - 1) : host)));
		}
		catch (UnknownHostException ex) {
			return Set.of();
		}
	}
}
