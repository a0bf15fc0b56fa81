package io.skyport.compute.provider;

import java.util.UUID;

/**
 * One compute node as a provider sees it.
 *
 * @param uri the connection URI, e.g. {@code qemu+ssh://root@host/system} or {@code test:///default}.
 * @param storagePool the libvirt storage pool that holds the images and the instances' volumes.
 */
public record ProviderTarget(UUID nodeId, String name, String uri, VirtType virtType, NetworkAttachment network,
		String storagePool) {
}
