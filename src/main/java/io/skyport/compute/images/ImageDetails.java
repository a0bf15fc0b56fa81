package io.skyport.compute.images;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.OsFamily;

/** The validated, editable fields of an image. */
record ImageDetails(String name, OsFamily osFamily, String source, String defaultSshUser, int minDiskGib,
		@Nullable String description, Image.Boot boot, @Nullable String kernelCmdline) {
}
