/**
 * Turns orders and "Create server" requests into running servers and tears them down again: one deployment
 * saga per server, driven step by step through compute's public API on durable, cluster-wide scheduler workers.
 */
@ApplicationModule(displayName = "Deployer")
@NullMarked
package io.skyport.deployer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
