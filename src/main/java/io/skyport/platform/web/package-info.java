/**
 * Web building blocks shared by all modules: panel navigation, security rules per module, problem details.
 */
@NamedInterface("web")
@NullMarked
package io.skyport.platform.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
