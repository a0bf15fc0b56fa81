package io.skyport.deployer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.SubscriptionId;
import io.skyport.compute.InstanceId;

/**
 * A server is ready for its customer: its guest configured itself and the access instructions went out.
 *
 * @param subscriptionId the subscription that pays for it, or {@literal null} for a server billed by the hour.
 */
public record DeploymentSucceeded(DeploymentId deploymentId, InstanceId instanceId,
		@Nullable SubscriptionId subscriptionId, OrganisationId organisationId, Instant readyAt) {
}
