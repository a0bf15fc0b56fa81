/**
 * Shared infrastructure every module may use: error types, web layout and navigation, safe image uploads, the
 * embedded database.
 */
@ApplicationModule(displayName = "Platform")
@NullMarked
package io.skyport.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
