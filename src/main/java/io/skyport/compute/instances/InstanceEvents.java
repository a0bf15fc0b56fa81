package io.skyport.compute.instances;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.compute.InstanceState;
import io.skyport.compute.NodeCameUp;
import io.skyport.compute.NodeWentDown;

/** Keeps instances in step with what their nodes report (their guests' phone-homes: {@link GuestAddresses}). */
@Component
class InstanceEvents {

	static final String NODE_DOWN_NOTE = "Its node is not answering since ";

	private final Instances instances;
	private final Clock clock;

	InstanceEvents(Instances instances, Clock clock) {
		this.instances = instances;
		this.clock = clock;
	}

	/** Flags the node's instances: they may be unreachable; placement already skips the node. */
	@ApplicationModuleListener
	void on(NodeWentDown event) {
		String since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(clock.instant());
		instances.findLiveOnNode(event.nodeId().id())
			.stream()
			.filter(instance -> instance.state() == InstanceState.RUNNING || instance.state() == InstanceState.STOPPED)
			.forEach(instance -> {
			instance.note(NODE_DOWN_NOTE + since + ": it may be unreachable.", clock.instant());
			instances.save(instance);
		});
	}

	@ApplicationModuleListener
	void on(NodeCameUp event) {
		instances.findLiveOnNode(event.nodeId().id())
			.stream()
			.filter(instance -> instance.stateReason() != null && instance.stateReason().startsWith(NODE_DOWN_NOTE))
			.forEach(instance -> {
				instance.note(null, clock.instant());
				instances.save(instance);
			});
	}
}
