package io.skyport.deployer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.SubscriptionId;
import io.skyport.compute.InstanceId;

/**
 * A deployment gave up after its last attempt and undid what it had made (unless {@code rolledBack} is false:
 * then something may be left on a host, and operators see it in the drift report).
 *
 * @param step the step that failed.
 * @param reason in words for the customer.
 */
public record DeploymentFailed(DeploymentId deploymentId, InstanceId instanceId,
		@Nullable SubscriptionId subscriptionId, OrganisationId organisationId, DeploymentState step, String reason,
		boolean rolledBack, Instant failedAt) {
}
