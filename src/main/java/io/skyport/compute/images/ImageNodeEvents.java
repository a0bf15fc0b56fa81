package io.skyport.compute.images;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.compute.NodeCameUp;
import io.skyport.compute.NodeChanged;

/** Copies images onto nodes as they are added, enabled or come back up. */
@Component
class ImageNodeEvents {

	private final ImageCopying copying;

	ImageNodeEvents(ImageCopying copying) {
		this.copying = copying;
	}

	@ApplicationModuleListener
	void on(NodeChanged event) {
		switch (event.change()) {
			case REGISTERED, ENROLLED, ENABLED -> copying.nodeAvailable(event.nodeId().id());
			default -> {
			}
		}
	}

	@ApplicationModuleListener
	void on(NodeCameUp event) {
		copying.nodeAvailable(event.nodeId().id());
	}
}
