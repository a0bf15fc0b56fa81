package io.skyport.compute;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.accounts.SshKeyId;

/**
 * What an instance is made of.
 *
 * @param projectId the owner's project; {@code null} for the organisation's default project (made on first use).
 * @param name a host name label: lower-case letters, digits and hyphens, at most 63 characters.
 * @param dataDiskGib the data disk, or {@code null} for a bare VM.
 * @param dataDiskMountPoint where the guest mounts the data disk (see {@link DataDiskMountPoints}); {@code null} for
 * {@link DataDiskMountPoints#DEFAULT}. Only with a data disk.
 * @param sshKeyIds keys of the owner organisation's users, placed in {@code authorized_keys} by cloud-init.
 * @param guestConfiguration the product's vendor-supplied {@code #cloud-config}, merged into the user-data.
 * @param antiAffinityGroup instances of one group are placed on different nodes.
 * @param deploymentId the deployment that owns the instance, if any (the deployer's ID; compute only stores it).
 * @param subscriptionId the subscription that deployment serves, if any (billing's ID; compute only stores it).
 */
public record NewInstance(OrganisationId ownerId, @Nullable ProjectId projectId, String name,
		@Nullable String description, List<String> tags, String region, int vcpus, long memoryMib, int rootDiskGib,
		@Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint, ImageId imageId, List<SshKeyId> sshKeyIds,
		@Nullable String guestConfiguration, @Nullable String antiAffinityGroup, @Nullable UUID deploymentId,
		@Nullable UUID subscriptionId) {
}
