package io.skyport.compute.guest;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceState;
import io.skyport.compute.InstanceStateChanged;
import io.skyport.compute.NodeId;
import io.skyport.compute.nocloud.SimulatedGuestPass;
import io.skyport.compute.nodes.NodeDirectory;
import io.skyport.compute.provider.ComputeProvider;
import io.skyport.compute.provider.ProviderTarget;

/**
 * Plays the guest for machines that start on nodes with {@code simulateGuest} on: when an instance becomes
 * {@code RUNNING} and has not been configured yet, reads the seed URL from its domain's SMBIOS serial (the provider's
 * machine definition) and makes cloud-init's requests to it over HTTP ({@link SimulatedCloudInit}); the phone-home
 * then publishes {@code InstanceConfigFetched} as a real guest's does.
 * <p>
 * The listener only hands the instance to this simulator's own bounded pool after the transaction that started it
 * commits: no event-listener thread or database connection waits for HTTP. When the queue is full the simulation is
 * dropped and counted ({@code skyport.compute.guest_simulations{outcome="dropped"}}); the deployer's deadline for the
 * guest covers it. Outcomes: {@code phoned_home}, {@code no_phone_home}, {@code failed}, {@code skipped} (the node
 * does not simulate, the instance is configured already or gone, or its machine carries no seed). The time from the
 * commit that made the instance {@code RUNNING} to the end of its simulation is
 * {@code skyport.compute.guest_simulation.duration{outcome}}.
 * <p>
 * On a {@code test:///} node (in this process, running no guest) it also writes what a booting guest would print to
 * the machine's serial console file, each line marked as simulated ({@link SimulatedConsole}), so that the console log
 * capture has output to read there too.
 */
@Component
class GuestSimulator implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GuestSimulator.class);

	private final JdbcClient jdbc;
	private final NodeDirectory nodes;
	private final ComputeProvider provider;
	private final GuestSimulationProperties properties;
	private final MeterRegistry meters;
	private final SimulatedCloudInit cloudInit;
	private final ThreadPoolExecutor pool;
	private final Clock clock;

	GuestSimulator(JdbcClient jdbc, NodeDirectory nodes, ComputeProvider provider,
			GuestSimulationProperties properties, SimulatedGuestPass pass, MeterRegistry meters, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.nodes = nodes;
		this.provider = provider;
		this.properties = properties;
		this.meters = meters;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.requestTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.cloudInit = new SimulatedCloudInit(http, properties.requestTimeout(), SimulatedGuestPass.HEADER,
				pass.value());
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(properties.threads(), properties.threads(), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), runnable -> {
					Thread thread = new Thread(runnable, "guest-simulator-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.pool.allowCoreThreadTimeOut(true);
	}

	@EventListener
	void on(InstanceStateChanged event) {
		if (event.to() != InstanceState.RUNNING) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					submit(event.instanceId());
				}
			});
		}
		else {
			submit(event.instanceId());
		}
	}

	private void submit(InstanceId id) {
		try {
			long submitted = System.nanoTime();
			pool.execute(() -> {
				String outcome = simulate(id);
				Timer.builder("skyport.compute.guest_simulation.duration")
					.description("Time from a simulated guest's start to the end of its simulation, by outcome")
					.tag("outcome", outcome)
					.register(meters)
					.record(System.nanoTime() - submitted, TimeUnit.NANOSECONDS);
			});
		}
		catch (RejectedExecutionException ex) {
			count("dropped");
			log.warn("The simulated guest of instance {} was dropped: {} simulations are waiting already.", id,
					pool.getQueue().size());
		}
	}

	/** One simulated first boot; never throws. @return its outcome, as counted. */
	String simulate(InstanceId id) {
		long deadline = System.nanoTime() + properties.deadline().toNanos();
		try {
			Optional<Machine> machine = machine(id);
			if (machine.isEmpty() || !nodes.simulatesGuest(machine.get().nodeId())) {
				return count("skipped");
			}
			ProviderTarget target = nodes.target(machine.get().nodeId());
			String definition = provider.machineDefinition(target, machine.get().machineName());
			Optional<String> seedUrl = SeedSerial.seedUrl(definition);
			if (seedUrl.isEmpty()) {
				log.info("The machine of instance {} carries no NoCloud seed in its SMBIOS serial; nothing to simulate.",
						id);
				return count("skipped");
			}
			Optional<SimulatedConsole> console = target.uri().startsWith("test:")
					? SimulatedConsole.of(definition) : Optional.empty();
			long started = System.nanoTime();
			console.ifPresent(c -> c.print(
					"[    0.000000] Skyport simulated guest: libvirt's test driver runs no guest; these lines stand for one",
					"Cloud-init v. 22.4 (Skyport simulated guest) running 'init' at " + now() + ". Data source: NoCloud (network seed)",
					"ci-info: fetching meta-data, user-data and vendor-data from the seed"));
			SimulatedCloudInit.Result result = cloudInit.boot(seedUrl.get(), deadline);
			console.ifPresent(c -> c.print(
					"ci-info: simulated cloud-init finished: " + result.outcome().name().toLowerCase(Locale.ROOT)
							.replace('_', ' '),
					"Cloud-init v. 22.4 (Skyport simulated guest) finished at " + now() + ". Up "
							+ String.format(Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9) + " seconds",
					"", "Debian GNU/Linux 12 (simulated) ttyS0", ""));
			console.ifPresent(c -> c.prompt("login: "));
			String outcome = count(result.outcome().name().toLowerCase(Locale.ROOT));
			if (result.outcome() == SimulatedCloudInit.Outcome.FAILED) {
				log.warn("The simulated guest of instance {} failed: {}", id, result.detail());
			}
			else {
				log.debug("Simulated guest of instance {}: {}", id, result.detail());
			}
			return outcome;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return count("failed");
		}
		catch (RuntimeException ex) {
			log.warn("The simulated guest of instance {} failed: {}", id, ex.getMessage());
			return count("failed");
		}
	}

	private Optional<Machine> machine(InstanceId id) {
		return jdbc.sql("""
				select node_id, machine_name from compute_instances
				where id = :id and state = 'RUNNING' and configured_at is null and node_id is not null""")
			.param("id", id.id())
			.query((rs, row) -> new Machine(new NodeId(rs.getObject("node_id", UUID.class)), rs.getString("machine_name")))
			.optional();
	}

	private String now() {
		return clock.instant().atZone(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME);
	}

	private String count(String outcome) {
		Counter.builder("skyport.compute.guest_simulations")
			.description("Guests simulated for nodes with simulateGuest on, by outcome")
			.tag("outcome", outcome)
			.register(meters)
			.increment();
		return outcome;
	}

	/** Simulations waiting or running, for tests and diagnosis. */
	int pending() {
		return pool.getQueue().size() + pool.getActiveCount();
	}

	@Override
	public void destroy() throws InterruptedException {
		pool.shutdownNow();
		pool.awaitTermination(5, TimeUnit.SECONDS);
	}

	private record Machine(NodeId nodeId, String machineName) {
	}

}
