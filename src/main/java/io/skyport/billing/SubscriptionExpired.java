package io.skyport.billing;

import java.time.LocalDate;

import io.skyport.accounts.OrganisationId;

/**
 * A trial ended without the customer keeping it (state {@code EXPIRED}): the deployer tears its server down. Nothing
 * was billed.
 *
 * @param expiredOn the day the trial ended.
 */
public record SubscriptionExpired(SubscriptionId subscriptionId, OrganisationId organisationId, LocalDate expiredOn) {
}
