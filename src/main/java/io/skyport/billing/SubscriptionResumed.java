package io.skyport.billing;

import io.skyport.accounts.OrganisationId;

/** A suspended subscription is active again (the overdue invoice was paid); its server may start again. */
public record SubscriptionResumed(SubscriptionId subscriptionId, OrganisationId organisationId) {
}
