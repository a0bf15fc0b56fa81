package io.skyport.compute.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderTarget;
import io.skyport.compute.provider.ProviderUnavailableException;

/**
 * The connection pool: one connection per node, timeouts, backoff and bounded threads, so that a slow or dead host
 * never holds up callers for other hosts.
 */
class NodeConnectionsTests {

	@TempDir
	Path consoles;

	private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

	private NodeConnections connections;

	@AfterEach
	void close() {
		callers.shutdownNow();
		if (connections != null) {
			connections.close();
		}
	}

	@Test
	void each_node_keeps_one_connection_for_all_its_calls() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
		ProviderTarget node = TestHypervisor.node();
		ProviderTarget other = TestHypervisor.node();

		Connect first = connections.call(node, "connect", c -> c);
		Connect second = connections.call(node, "connect", c -> c);
		Connect others = connections.call(other, "connect", c -> c);

		assertThat(second).isSameAs(first);
		assertThat(others).isNotSameAs(first);
	}

	@Test
	void a_silent_host_times_out_while_other_nodes_keep_answering_and_then_fails_at_once_during_backoff()
			throws Exception {
		connections = new NodeConnections(TestHypervisor.properties(consoles, Duration.ofSeconds(1),
				Duration.ofSeconds(2)));
		LibvirtComputeProvider provider = new LibvirtComputeProvider(connections);
		ProviderTarget alive = TestHypervisor.node();
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			ProviderTarget dead = TestHypervisor.node("qemu+tcp://127.0.0.1:" + silent.getLocalPort() + "/system");

			long start = System.nanoTime();
			CompletableFuture<Throwable> deadProbe = CompletableFuture
				.supplyAsync(() -> catchThrowable(() -> provider.probe(dead)), callers);
			assertThat(provider.probe(alive).hypervisor()).isEqualTo("TEST");
			Throwable failure = deadProbe.get(10, TimeUnit.SECONDS);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);

			assertThat(failure).isInstanceOf(ProviderUnavailableException.class)
				.hasMessage("Cannot probe the host on node " + dead.name() + " (" + dead.uri()
						+ "): the node did not answer within 1 s.");
			assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));

			long again = System.nanoTime();
			assertThatThrownBy(() -> provider.probe(dead)).isInstanceOf(ProviderUnavailableException.class)
				.hasMessageContaining("the node cannot be reached (no answer within 1 s); the next attempt is in");
			assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofMillis(500));
			assertThat(provider.probe(alive).machineCount()).isPositive();
		}
	}

	@Test
	void a_host_that_refuses_the_connection_is_unavailable_with_libvirts_reason() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
		LibvirtComputeProvider provider = new LibvirtComputeProvider(connections);
		ProviderTarget refusing = TestHypervisor.node("qemu+ssh://nobody@127.0.0.1:1/system");

		assertThatThrownBy(() -> provider.listMachines(refusing)).isInstanceOf(ProviderUnavailableException.class)
			.hasMessageStartingWith("Cannot list machines on node " + refusing.name()
					+ " (qemu+ssh://nobody@127.0.0.1:1/system): cannot connect (")
			.hasMessageContaining("Connection refused");
	}

	@Test
	void an_invalid_uri_is_refused_at_once_with_the_reason() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
		LibvirtComputeProvider provider = new LibvirtComputeProvider(connections);

		for (String uri : List.of("not a uri", "bogus:///system", "qemu+carrier-pigeon://host/system",
				"qemu+ssh:///system", "qemu")) {
			long start = System.nanoTime();
			assertThatThrownBy(() -> provider.probe(TestHypervisor.node(uri))).as(uri)
				.isInstanceOf(ProviderFailureException.class)
				.hasMessageContaining("'" + uri + "' is not a valid libvirt URI: ")
				.hasMessageContaining("e.g. qemu:///system");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
		}
	}

	@Test
	void a_call_that_does_not_answer_in_time_fails_and_the_node_reconnects_after_the_backoff() throws Exception {
		connections = new NodeConnections(TestHypervisor.properties(consoles, Duration.ofSeconds(2),
				Duration.ofMillis(500)));
		ProviderTarget node = TestHypervisor.node();
		Connect before = connections.call(node, "connect", c -> c);
		CountDownLatch release = new CountDownLatch(1);

		assertThatThrownBy(() -> connections.call(node, "hang", c -> hold(release)))
			.isInstanceOf(ProviderUnavailableException.class)
			.hasMessageEndingWith(": the node did not answer within 0.5 s.");
		assertThatThrownBy(() -> connections.call(node, "call again", c -> c))
			.isInstanceOf(ProviderUnavailableException.class)
			.hasMessageContaining("the next attempt is in");
		release.countDown();

		AtomicReference<Connect> after = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(ProviderUnavailableException.class).until(() -> {
			after.set(connections.call(node, "call again", c -> c));
			return true;
		});
		assertThat(after.get()).isNotSameAs(before);
	}

	@Test
	void a_node_with_all_threads_busy_refuses_further_calls_at_once() throws Exception {
		LibvirtProperties defaults = TestHypervisor.properties(consoles);
		connections = new NodeConnections(new LibvirtProperties(defaults.connectTimeout(), Duration.ofSeconds(10),
				defaults.copyTimeout(), 1, 1, defaults.reconnectBackoff(), defaults.reconnectBackoffMax(),
				defaults.keepaliveInterval(), defaults.keepaliveCount(), consoles, Map.of()));
		ProviderTarget node = TestHypervisor.node();
		ProviderTarget other = TestHypervisor.node();
		connections.call(node, "connect", c -> c);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);

		CompletableFuture<Boolean> holding = CompletableFuture.supplyAsync(() -> connections.call(node, "hold", c -> {
			started.countDown();
			return hold(release);
		}), callers);
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Throwable> second = CompletableFuture
			.supplyAsync(() -> catchThrowable(() -> connections.call(node, "second", c -> true)), callers);
		CompletableFuture<Throwable> third = CompletableFuture
			.supplyAsync(() -> catchThrowable(() -> connections.call(node, "third", c -> true)), callers);

		Throwable refused = (Throwable) CompletableFuture.anyOf(second, third).get(5, TimeUnit.SECONDS);
		assertThat(refused).isInstanceOf(ProviderUnavailableException.class)
			.hasMessageContaining("the node is not keeping up (calls running: 1, waiting: 1); try again later.");
		String otherType = connections.call(other, "another node", Connect::getType);
		assertThat(otherType).isEqualTo("TEST");
		release.countDown();
		assertThat(holding.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Arrays.asList(second.get(5, TimeUnit.SECONDS), third.get(5, TimeUnit.SECONDS)))
			.containsExactlyInAnyOrder(refused, null);
	}

	@Test
	void the_backoff_doubles_up_to_its_maximum() {
		LibvirtProperties properties = TestHypervisor.properties(consoles);
		NodeConnection node = new NodeConnection("n", LibvirtUri.parse(TestHypervisor.URI), properties, System::nanoTime);
		try {
			assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(node::backoff).toList()).containsExactly(Duration.ofSeconds(1),
					Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8),
					Duration.ofSeconds(8));
		}
		finally {
			node.close();
		}
	}

	@Test
	void after_closing_calls_fail_as_unavailable() {
		connections = new NodeConnections(TestHypervisor.properties(consoles));
		ProviderTarget node = TestHypervisor.node();
		connections.call(node, "connect", c -> c);

		connections.close();

		assertThatThrownBy(() -> connections.call(node, "list machines", c -> c))
			.isInstanceOf(ProviderUnavailableException.class)
			.hasMessageEndingWith("Skyport is shutting down.");
	}

	private static boolean hold(CountDownLatch latch) {
		try {
			return latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
