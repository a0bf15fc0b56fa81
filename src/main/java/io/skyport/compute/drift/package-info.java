/**
 * The reconciler: compares every node's inventory with Skyport's instances on a schedule, keeps the drift it finds
 * (orphans, foreign machines and volumes, missing machines, stuck instances) for operators, and removes old orphans
 * when operators allow it.
 */
@NullMarked
package io.skyport.compute.drift;

import org.jspecify.annotations.NullMarked;
