package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A plan as a vendor submits it, before validation.
 *
 * @param dataDiskGib absent for a bare-VM product.
 * @param dataDiskMountPoint where the guest mounts the data disk; absent for {@code /data}. Only with a data disk.
 * @param imageId the id of an available image (see {@code GET /api/v1/images}).
 * @param regions names of compute regions the plan may run in; absent or empty for every region.
 */
record PlanInput(@Nullable String name, @Nullable Integer vcpus, @Nullable Integer memoryMib, @Nullable Integer diskGib,
		@Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint, @Nullable String imageId,
		@Nullable BigDecimal monthlyPrice, @Nullable String currency, @Nullable Integer bandwidthIncludedGib,
		@Nullable BigDecimal bandwidthPricePerGib, @Nullable Integer trialDays, @Nullable List<String> regions) {
}
