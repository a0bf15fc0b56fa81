package io.skyport.compute.placement;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.compute.ComputeCapacity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The names of the regions, for everyone signed in: vendors list them on plans, customers order in one. */
@RestController
@Tag(name = "Compute placement")
class RegionApiController {

	private final ComputeCapacity capacity;

	RegionApiController(ComputeCapacity capacity) {
		this.capacity = capacity;
	}

	/** A region by name: what plans' {@code regions} and orders' {@code region} name. */
	record RegionName(String name) {
	}

	@GetMapping("/api/v1/regions")
	@Operation(summary = "Every compute region by name (anyone signed in): what a plan's regions and an order's "
			+ "region name")
	List<RegionName> regions() {
		return capacity.regions().stream().map(RegionName::new).toList();
	}
}
