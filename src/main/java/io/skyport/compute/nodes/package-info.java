/**
 * Compute nodes: the libvirt hosts instances run on, their capacity and health, enrolment and heartbeats.
 */
@NullMarked
package io.skyport.compute.nodes;

import org.jspecify.annotations.NullMarked;
