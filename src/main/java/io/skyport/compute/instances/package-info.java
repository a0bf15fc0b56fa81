/**
 * Projects, instances and their volumes: the customer's side of compute, and the steps the deployer drives.
 */
@NullMarked
package io.skyport.compute.instances;

import org.jspecify.annotations.NullMarked;
