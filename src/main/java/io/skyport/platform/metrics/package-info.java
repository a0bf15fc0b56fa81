/**
 * Metrics for {@code /actuator/prometheus}: the conventions every meter is held to (help text, snake_case names, base
 * units) and {@link io.skyport.platform.metrics.DatabaseGauges}, which modules use for gauges counted in the
 * database. See {@code docs/monitoring.md}.
 */
@NamedInterface("metrics")
@NullMarked
package io.skyport.platform.metrics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
