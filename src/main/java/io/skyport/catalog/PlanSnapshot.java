package io.skyport.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.ImageId;
import io.skyport.platform.money.Money;

/**
 * One version of a plan, exactly as a customer buys it. Versions never change once written.
 *
 * @param dataDiskGib {@literal null} for a bare-VM product: no data disk and no configuration step.
 * @param dataDiskMountPoint where the guest mounts the data disk ({@code /data} unless the vendor chose another
 * directory); {@literal null} exactly when there is no data disk.
 * @param bandwidthPricePerGib the price of each GiB beyond {@code bandwidthIncludedGib} in a month.
 * @param trialDays 0 when the plan has no free trial.
 * @param regions the compute regions the plan may run in, sorted; empty for every region.
 */
public record PlanSnapshot(PlanId planId, int versionNumber, ProductId productId, String productName, String name,
		int vcpus, int memoryMib, int diskGib, @Nullable Integer dataDiskGib,
		@Nullable String dataDiskMountPoint, ImageId imageId, Money monthlyPrice,
		int bandwidthIncludedGib, Money bandwidthPricePerGib, int trialDays, boolean available, List<String> regions) {

	public PlanSnapshot {
		regions = List.copyOf(regions);
	}

	public boolean isBareVm() {
		return dataDiskGib == null;
	}

	/** Whether the plan may run in {@code region}: it lists it, or it lists none (every region). */
	public boolean allowsRegion(String region) {
		return regions.isEmpty() || regions.contains(region);
	}

	/** The disk a server of the plan takes on a node: root plus data disk, in GiB. */
	public long totalDiskGib() {
		return (long) diskGib + (dataDiskGib == null ? 0 : dataDiskGib);
	}
}
