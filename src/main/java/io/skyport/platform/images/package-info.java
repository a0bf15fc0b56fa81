/**
 * Safe handling of uploaded images: checks a hostile upload and re-encodes it into clean display and thumbnail files.
 */
@NamedInterface("images")
@NullMarked
package io.skyport.platform.images;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
