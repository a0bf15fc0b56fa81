/**
 * The provider port: what compute asks of a hypervisor host or a cloud, in the spirit of jclouds'
 * {@code ComputeServiceAdapter}. Adapters ({@code libvirt}, later {@code clouds}) implement {@link ComputeProvider};
 * their own types never appear here.
 */
@NullMarked
package io.skyport.compute.provider;

import org.jspecify.annotations.NullMarked;
