/**
 * Domain exceptions that the web layer turns into HTTP statuses: problem details for the API, error pages for people.
 */
@NamedInterface("errors")
@NullMarked
package io.skyport.platform.errors;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
