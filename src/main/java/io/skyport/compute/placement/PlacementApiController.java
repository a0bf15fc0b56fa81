package io.skyport.compute.placement;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operators' placement API: what-if dry runs and the weigher of each region.
 */
@RestController
@Tag(name = "Compute placement")
class PlacementApiController {

	private final CapacityPlanning planning;

	PlacementApiController(CapacityPlanning planning) {
		this.planning = planning;
	}

	@PostMapping("/api/v1/compute/placements/dry-run")
	@Operation(summary = "Which nodes a number of instances of a size would be placed on now; reserves nothing "
			+ "(operators)")
	CapacityPlanning.DryRunView dryRun(@RequestBody CapacityPlanning.DryRunForm form) {
		return planning.dryRun(form);
	}

	@GetMapping("/api/v1/compute/regions")
	@Operation(summary = "Regions with their weigher, nodes and capacity totals after overcommit (operators)")
	List<RegionView> regions() {
		return planning.regions();
	}

	@PutMapping("/api/v1/compute/regions/{name}")
	@Operation(summary = "Choose a region's weigher: SPREAD or PACK (operators)")
	RegionView configure(@PathVariable String name, @RequestBody CapacityPlanning.RegionForm form) {
		return planning.configure(name, form);
	}
}
