package io.skyport.compute;

import org.jspecify.annotations.Nullable;

/** The validated, editable fields of an image. */
record ImageDetails(String name, OsFamily osFamily, String source, String defaultSshUser, int minDiskGib,
		@Nullable String description) {
}
