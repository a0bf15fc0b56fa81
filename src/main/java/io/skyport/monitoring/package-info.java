/**
 * Monitoring of servers and nodes: samples, graphs, alerts.
 */
@ApplicationModule(displayName = "Monitoring")
@NullMarked
package io.skyport.monitoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
