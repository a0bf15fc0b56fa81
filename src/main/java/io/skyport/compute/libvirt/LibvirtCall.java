package io.skyport.compute.libvirt;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** Work done with a node's pooled connection, on that node's call thread. */
@FunctionalInterface
interface LibvirtCall<T extends @Nullable Object> {

	T apply(Connect connect) throws LibvirtException;
}
