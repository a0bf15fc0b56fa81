package io.skyport.compute;

/**
 * An image as other modules see it.
 *
 * @param minDiskGib the smallest root disk the image fits on.
 * @param available false once an operator has deprecated it: existing VMs keep it, new plans cannot choose it.
 */
public record ImageSummary(ImageId id, String name, OsFamily osFamily, String defaultSshUser, int minDiskGib,
		boolean available) {
}
