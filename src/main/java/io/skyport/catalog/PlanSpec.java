package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * The sellable content of a plan version: size, image, prices, trial, regions. Validated before it exists.
 *
 * @param dataDiskMountPoint where the guest mounts the data disk; {@literal null} exactly when there is none.
 * @param regions the compute regions the plan may run in, sorted and distinct; empty for every region.
 */
@Embeddable
record PlanSpec(String name, int vcpus, int memoryMib, int diskGib, @Nullable Integer dataDiskGib,
		@Nullable String dataDiskMountPoint, UUID imageId,
		BigDecimal monthlyPrice, String currency, int bandwidthIncludedGib, BigDecimal bandwidthPricePerGib,
		int trialDays, @JdbcTypeCode(SqlTypes.ARRAY) @Column(columnDefinition = "text[]") List<String> regions) {

	PlanSpec {
		regions = List.copyOf(regions);
	}

	/**
	 * The same content, whatever the scale of the amounts: the database returns {@code 5.0000} for {@code 5.00},
	 * which is no change.
	 */
	boolean sameAs(PlanSpec other) {
		return name.equals(other.name) && vcpus == other.vcpus && memoryMib == other.memoryMib
				&& diskGib == other.diskGib && Objects.equals(dataDiskGib, other.dataDiskGib)
				&& Objects.equals(dataDiskMountPoint, other.dataDiskMountPoint)
				&& imageId.equals(other.imageId) && monthlyPrice.compareTo(other.monthlyPrice) == 0
				&& currency.equals(other.currency) && bandwidthIncludedGib == other.bandwidthIncludedGib
				&& bandwidthPricePerGib.compareTo(other.bandwidthPricePerGib) == 0 && trialDays == other.trialDays
				&& regions.equals(other.regions);
	}
}
