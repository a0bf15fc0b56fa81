/**
 * Shapes of short texts several modules accept: URL slugs and e-mail addresses.
 */
@NamedInterface("text")
@NullMarked
package io.skyport.platform.text;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
