package io.skyport.compute.nocloud;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.skyport.compute.InstanceConfigFetched;

/**
 * Collects {@link InstanceConfigFetched} events after their transaction committed, as the deployer's
 * {@code @ApplicationModuleListener} will receive them: proves the phone-home publishes inside a transaction.
 * A test-only bean.
 */
@Component
class CommittedConfigEvents {

	private final List<InstanceConfigFetched> received = new CopyOnWriteArrayList<>();

	@TransactionalEventListener
	void on(InstanceConfigFetched event) {
		received.add(event);
	}

	List<InstanceConfigFetched> received() {
		return List.copyOf(received);
	}
}
