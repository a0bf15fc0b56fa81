package io.skyport.compute.nocloud;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.InstanceId;

/**
 * What a guest's cloud-init is to receive.
 *
 * @param ownerId the customer organisation that owns the instance: it (and operators) may read the access audit.
 * @param hostname an RFC 1123 label (1–63 letters, digits and inner hyphens).
 * @param sshAuthorizedKeys OpenSSH public key lines for the default user; may be empty.
 * @param dataDiskGib the size of the data disk ({@code /dev/vdb}), partitioned, formatted (ext4, label
 * {@code data}) and mounted at {@code dataDiskMountPoint}; {@literal null} for none.
 * @param dataDiskMountPoint where the data disk is mounted (see {@link io.skyport.compute.DataDiskMountPoints});
 * {@literal null} for {@code /data}. Ignored without a data disk.
 * @param vendorCloudConfig the product's {@code #cloud-config} YAML, merged into the user-data (see
 * {@code docs/nocloud.md}); {@literal null} for none.
 * @param baseUrl the address the guest reaches Skyport at, e.g. {@code http://10.0.2.2:8080} (http or https, no
 * query; a trailing {@code /} is ignored).
 */
public record SeedRequest(InstanceId instanceId, OrganisationId ownerId, String hostname,
		List<String> sshAuthorizedKeys, @Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint,
		@Nullable String vendorCloudConfig,
		String baseUrl) {

	public SeedRequest {
		sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys);
	}
}
