/**
 * The simulated guest: on nodes without real guests (libvirt's test driver) Skyport plays cloud-init for every
 * machine that starts, over the real NoCloud data source, so deployments there become ready through the real path.
 */
@NullMarked
package io.skyport.compute.guest;

import org.jspecify.annotations.NullMarked;
