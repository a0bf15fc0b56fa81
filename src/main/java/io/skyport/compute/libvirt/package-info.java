/**
 * The libvirt adapter of the compute provider port: pooled connections per node, domain XML, volumes and consoles.
 */
@NullMarked
package io.skyport.compute.libvirt;

import org.jspecify.annotations.NullMarked;
