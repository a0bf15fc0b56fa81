package io.skyport.billing;

import io.skyport.accounts.OrganisationId;

/** An active subscription was put on hold (dunning); the deployer may stop, not delete, its server. */
public record SubscriptionSuspended(SubscriptionId subscriptionId, OrganisationId organisationId, String reason) {
}
