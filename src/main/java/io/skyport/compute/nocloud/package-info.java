/**
 * The NoCloud data source cloud-init reads at first boot: per-instance seed tokens, the documents served under
 * {@code /nocloud/{token}/}, the phone-home, rate limits and the access audit.
 */
@NullMarked
package io.skyport.compute.nocloud;

import org.jspecify.annotations.NullMarked;
