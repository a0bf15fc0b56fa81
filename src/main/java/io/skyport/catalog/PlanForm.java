package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * The plan form of the vendor pages as submitted. Numbers are typed, so "abc" in a number field is a binding error
 * (shown next to the field) rather than a failed request; an empty data disk means a bare VM, an empty mount point
 * {@code /data}, and no region ticked means every region.
 */
record PlanForm(@Nullable String name, @Nullable Integer vcpus, @Nullable Integer memoryMib, @Nullable Integer diskGib,
		@Nullable Integer dataDiskGib, @Nullable String dataDiskMountPoint, @Nullable String imageId,
		@Nullable BigDecimal monthlyPrice, @Nullable String currency, @Nullable Integer bandwidthIncludedGib,
		@Nullable BigDecimal bandwidthPricePerGib, @Nullable Integer trialDays, @Nullable List<String> regions) {

	static PlanForm empty(String currency) {
		return new PlanForm(null, null, null, null, null, null, null, null, currency, 0, BigDecimal.ZERO, 0, List.of());
	}

	static PlanForm of(PlanSnapshot plan) {
		return new PlanForm(plan.name(), plan.vcpus(), plan.memoryMib(), plan.diskGib(), plan.dataDiskGib(),
				plan.dataDiskMountPoint(),
				plan.imageId().id().toString(), plan.monthlyPrice().amount(), plan.monthlyPrice().currency(),
				plan.bandwidthIncludedGib(), plan.bandwidthPricePerGib().amount(), plan.trialDays(), plan.regions());
	}

	PlanInput input() {
		return new PlanInput(name, vcpus, memoryMib, diskGib, dataDiskGib, dataDiskMountPoint, imageId, monthlyPrice,
				currency, bandwidthIncludedGib, bandwidthPricePerGib, trialDays, regions);
	}

	/** The regions ticked, for the checkboxes. */
	List<String> checkedRegions() {
		return regions == null ? List.of() : regions.stream().filter(region -> region != null).toList();
	}

	/** The text of each input: the value, or what was typed where it could not be read as a number. */
	Map<String, String> shown(@Nullable BindingResult binding) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("vcpus", vcpus);
		values.put("memoryMib", memoryMib);
		values.put("diskGib", diskGib);
		values.put("dataDiskGib", dataDiskGib);
		values.put("dataDiskMountPoint", dataDiskMountPoint);
		values.put("imageId", imageId);
		values.put("monthlyPrice", monthlyPrice == null ? null : monthlyPrice.toPlainString());
		values.put("currency", currency);
		values.put("bandwidthIncludedGib", bandwidthIncludedGib);
		values.put("bandwidthPricePerGib", bandwidthPricePerGib == null ? null : bandwidthPricePerGib.toPlainString());
		values.put("trialDays", trialDays);
		Map<String, String> shown = new LinkedHashMap<>();
		values.forEach((field, value) -> {
			FieldError rejected = binding == null ? null : binding.getFieldError(field);
			Object text = rejected != null ? rejected.getRejectedValue() : value;
			shown.put(field, switch (text) {
				case null -> "";
				case String[] several -> String.join(",", several);
				default -> text.toString();
			});
		});
		return shown;
	}
}
