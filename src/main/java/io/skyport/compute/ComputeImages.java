package io.skyport.compute;

import java.util.List;
import java.util.Optional;

/**
 * The image registry, for other modules (the catalog checks a plan's image; the storefront shows its name).
 */
public interface ComputeImages {

	Optional<ImageSummary> find(ImageId id);

	/** Where the hosts find the image: a path, a storage-pool volume or a URL (see the image registry). */
	Optional<String> source(ImageId id);

	/** The images new plans may use, by name. */
	List<ImageSummary> available();
}
