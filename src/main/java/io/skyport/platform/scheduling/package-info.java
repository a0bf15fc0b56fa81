/**
 * Durable, cluster-wide scheduling with db-scheduler: every {@code com.github.kagkarlsson.scheduler.task.Task} bean
 * runs through one {@code Scheduler} on the shared database, so several Skyport servers never run the same execution
 * twice. Modules define tasks as beans, schedule instances through the {@code SchedulerClient} bean and may wake the
 * local scheduler with {@link io.skyport.platform.scheduling.SchedulerWakeUp}. See {@code docs/scheduling.md}.
 */
@NamedInterface("scheduling")
@NullMarked
package io.skyport.platform.scheduling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
