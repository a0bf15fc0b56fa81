package io.skyport.monitoring;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * A firing alert stopped: its condition no longer holds, or its rule was switched off or deleted.
 *
 * @param organisationId as in {@link AlertRaised}.
 * @param reason in words, e.g. "CPU back to 12.0 %" or "The rule was switched off".
 */
public record AlertResolved(AlertId alertId, @Nullable OrganisationId organisationId, String ruleName,
		String subjectName, String reason, Instant firedAt, Instant resolvedAt) {
}
