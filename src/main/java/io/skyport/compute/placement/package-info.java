/**
 * Placement: chooses a node for an instance (filters and a per-region weigher) and reserves its capacity atomically.
 */
@NullMarked
package io.skyport.compute.placement;

import org.jspecify.annotations.NullMarked;
