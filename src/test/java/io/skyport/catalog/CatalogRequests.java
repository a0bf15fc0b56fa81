package io.skyport.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON bodies for the catalog API, for tests: a valid product or plan that a test then changes field by field.
 */
public final class CatalogRequests {

	private CatalogRequests() {
	}

	public static Map<String, Object> product(String name) {
		Map<String, Object> product = new HashMap<>();
		product.put("name", name);
		product.put("shortDescription", "A managed service for testing the catalog.");
		product.put("longDescription", "## Features\n\n* fast\n* safe");
		product.put("category", "databases");
		product.put("tags", List.of("sql", "test"));
		product.put("supportEmail", "support@example.test");
		return product;
	}

	/** A plan priced in the given currency with 1000 GiB of traffic included and a 14-day trial. */
	public static Map<String, Object> plan(String imageId, String name, int vcpus, int memoryMib, int diskGib,
			Integer dataDiskGib, String price, String currency) {
		Map<String, Object> plan = new HashMap<>();
		plan.put("name", name);
		plan.put("vcpus", vcpus);
		plan.put("memoryMib", memoryMib);
		plan.put("diskGib", diskGib);
		plan.put("dataDiskGib", dataDiskGib);
		plan.put("imageId", imageId);
		plan.put("monthlyPrice", new BigDecimal(price));
		plan.put("currency", currency);
		plan.put("bandwidthIncludedGib", 1000);
		plan.put("bandwidthPricePerGib", new BigDecimal("0.01"));
		plan.put("trialDays", 14);
		return plan;
	}
}
