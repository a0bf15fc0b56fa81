package io.skyport.compute.placement;

import org.jspecify.annotations.Nullable;

/**
 * What one instance needs from a node: a region, a size, and optionally an anti-affinity group (no two instances of
 * a group on one node).
 */
public record Demand(String region, Resources size, @Nullable String antiAffinityGroup) {
}
