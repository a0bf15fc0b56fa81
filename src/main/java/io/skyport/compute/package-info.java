/**
 * The IaaS core: the operating-system images VMs boot from (and, as it grows, nodes, placement, instances, volumes).
 */
@ApplicationModule(displayName = "Compute")
@NullMarked
package io.skyport.compute;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
