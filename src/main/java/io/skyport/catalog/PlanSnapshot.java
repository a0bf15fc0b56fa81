package io.skyport.catalog;

import org.jspecify.annotations.Nullable;

import io.skyport.compute.ImageId;
import io.skyport.platform.money.Money;

/**
 * One version of a plan, exactly as a customer buys it. Versions never change once written.
 *
 * @param dataDiskGib {@literal null} for a bare-VM product: no data disk and no configuration step.
 * @param bandwidthPricePerGib the price of each GiB beyond {@code bandwidthIncludedGib} in a month.
 * @param trialDays 0 when the plan has no free trial.
 */
public record PlanSnapshot(PlanId planId, int versionNumber, ProductId productId, String productName, String name,
		int vcpus, int memoryMib, int diskGib, @Nullable Integer dataDiskGib, ImageId imageId, Money monthlyPrice,
		int bandwidthIncludedGib, Money bandwidthPricePerGib, int trialDays, boolean available) {

	public boolean isBareVm() {
		return dataDiskGib == null;
	}
}
