package io.skyport.compute.images;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of image files and their copies.
 *
 * @param storeDir the image store: verified files named by their SHA-256.
 * @param importDeadline how long a URL or path import may keep failing transiently (unreachable server, 5xx) before
 *        it is marked failed; attempts back off from 10 s doubling up to 5 min.
 * @param copyDeadline the same for copying an image into a node's storage pool (node unreachable or busy).
 * @param downloadConnectTimeout how long connecting to a URL may take …
 * @param downloadReadTimeout … and how long a download may stall before the attempt fails.
 */
@ConfigurationProperties("skyport.compute.images")
record ImageProperties(
		@DefaultValue("var/images") Path storeDir,
		@DefaultValue("1h") Duration importDeadline,
		@DefaultValue("1h") Duration copyDeadline,
		@DefaultValue("10s") Duration downloadConnectTimeout,
		@DefaultValue("60s") Duration downloadReadTimeout) {
}
