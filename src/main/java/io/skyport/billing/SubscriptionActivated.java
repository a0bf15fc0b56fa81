package io.skyport.billing;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.SshKeyId;
import io.skyport.catalog.PlanId;
import io.skyport.catalog.ProductId;

/**
 * A subscription started to run: a paid order ({@code trial = false}), a trial start ({@code trial = true}), or a
 * trial the customer kept turning into a paid subscription ({@code trial = false, convertedFromTrial = true}).
 * <p>
 * For the deployer: create the server (from {@code planId} at {@code planVersion}, with {@code sshKeyIds} in
 * {@code projectId}) when {@code convertedFromTrial} is {@code false}. A conversion must not create a second server:
 * the trial's server simply carries on (one deployment per {@code subscriptionId} keeps it idempotent anyway).
 *
 * @param projectId the compute project the customer asked for, or {@literal null} for their default one; billing
 * does not know projects, so the deployer checks it belongs to {@code organisationId}.
 * @param sshKeyIds keys of the customer's users, checked when ordered; may be empty (the product's own credentials
 * are then the way in).
 * @param region the compute region the order chose (allowed by the plan, with room at order time); {@literal null}
 * only for subscriptions ordered before orders had a region.
 */
public record SubscriptionActivated(SubscriptionId subscriptionId, OrganisationId organisationId, OrderId orderId,
		ProductId productId, PlanId planId, int planVersion, boolean trial, boolean convertedFromTrial,
		@Nullable UUID projectId, List<SshKeyId> sshKeyIds, @Nullable String region) {

	public SubscriptionActivated {
		sshKeyIds = List.copyOf(sshKeyIds);
	}
}
