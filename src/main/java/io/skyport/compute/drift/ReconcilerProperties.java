package io.skyport.compute.drift;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reconciler ({@code skyport.compute.reconciler.*}).
 *
 * @param enabled run rounds on the schedule ({@code interval}, first one an interval after start-up).
 * @param stuckAfter how long an instance may stay {@code PENDING}, {@code CREATING} or {@code DELETING} before it is
 *        reported as stuck.
 * @param removeOrphans remove orphans (Skyport-named machines and volumes no live instance owns) once they have been
 *        seen for {@code removeOrphansAfter}; each removal is audited.
 * @param removeOrphansAfter the grace period; unset means never, even with {@code removeOrphans}.
 */
@ConfigurationProperties("skyport.compute.reconciler")
record ReconcilerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
		@DefaultValue("30m") Duration stuckAfter, @DefaultValue("false") boolean removeOrphans,
		@Nullable Duration removeOrphansAfter) {

	/** The grace period after which orphans are removed, or {@code null} when they are only reported. */
	@Nullable Duration removalGrace() {
		return removeOrphans && removeOrphansAfter != null ? removeOrphansAfter : null;
	}
}
