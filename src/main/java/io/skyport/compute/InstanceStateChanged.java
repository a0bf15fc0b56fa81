package io.skyport.compute;

import io.skyport.accounts.OrganisationId;

/** An instance moved from one state to another. */
public record InstanceStateChanged(InstanceId instanceId, OrganisationId ownerId, InstanceState from, InstanceState to) {
}
