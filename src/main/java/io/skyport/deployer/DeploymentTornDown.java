package io.skyport.deployer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.billing.SubscriptionId;
import io.skyport.compute.InstanceId;

/** A server was removed for good: its machine, disks and data-source token are gone and its capacity is free. */
public record DeploymentTornDown(DeploymentId deploymentId, InstanceId instanceId,
		@Nullable SubscriptionId subscriptionId, OrganisationId organisationId, Instant destroyedAt) {
}
