package io.skyport.monitoring;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;

/**
 * An alert started firing.
 *
 * @param organisationId the customer whose rule fired, or {@literal null} for the operators' (and built-in) rules.
 * @param ruleName the rule's name as it was then.
 * @param subjectName the server, node or part of the platform it is about.
 * @param summary one line saying what was seen, e.g. "CPU 97.2 % above 90 % for 5 minutes".
 */
public record AlertRaised(AlertId alertId, @Nullable OrganisationId organisationId, String ruleName,
		String subjectName, String summary, Instant firedAt) {
}
