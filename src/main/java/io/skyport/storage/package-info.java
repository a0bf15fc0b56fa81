/**
 * Object storage for media and documents: one port, local filesystem and S3 adapters.
 */
@ApplicationModule(displayName = "Storage")
@NullMarked
package io.skyport.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
