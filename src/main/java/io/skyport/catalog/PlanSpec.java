package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Embeddable;

import org.jspecify.annotations.Nullable;

/** The sellable content of a plan version: size, image, prices, trial. Validated before it exists. */
@Embeddable
record PlanSpec(String name, int vcpus, int memoryMib, int diskGib, @Nullable Integer dataDiskGib, UUID imageId,
		BigDecimal monthlyPrice, String currency, int bandwidthIncludedGib, BigDecimal bandwidthPricePerGib,
		int trialDays) {
}
