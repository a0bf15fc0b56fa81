package io.skyport.compute.provider;

/**
 * How a node runs guests: {@code KVM} with hardware virtualisation, or {@code QEMU} (TCG, software emulation) for
 * hosts that advertise KVM but cannot run it, such as nested hosts.
 */
public enum VirtType {
	KVM, QEMU
}
