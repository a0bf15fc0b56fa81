/**
 * What servers and nodes are doing: samples of their counters read from the hosts, kept raw for a day and downsampled
 * to minutes and hours, graphs and the metrics API, per-instance Prometheus series, alerts, and each server's
 * transmitted bytes sent to billing as bandwidth usage.
 */
@ApplicationModule(displayName = "Monitoring")
@NullMarked
package io.skyport.monitoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
