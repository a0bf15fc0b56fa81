/**
 * Hourly prices of direct servers: per server type, and per vCPU, GiB of RAM and GiB of disk for custom sizes.
 */
@NullMarked
package io.skyport.billing.pricing;

import org.jspecify.annotations.NullMarked;
