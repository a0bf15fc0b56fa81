package io.skyport.compute;

import java.time.Instant;

/** An operator added, changed, deprecated or restored an OS image. */
public record ImageChanged(ImageId imageId, String imageName, Change change, Instant changedAt) {

	/** What happened to the image. */
	public enum Change {
		ADDED, UPDATED, DEPRECATED, RESTORED
	}
}
