package io.skyport.compute.drift;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The reconciler's latest findings, for operators. */
@RestController
@Tag(name = "Compute nodes")
class DriftApiController {

	private final DriftFindings findings;

	DriftApiController(DriftFindings findings) {
		this.findings = findings;
	}

	@GetMapping(DriftWebConfiguration.API)
	@Operation(summary = "Drift between the nodes' inventory and Skyport's instances (operators)",
			description = "The reconciler's latest findings: ORPHAN_MACHINE and ORPHAN_VOLUME (named by Skyport, owned by "
					+ "no live instance), FOREIGN_MACHINE and FOREIGN_VOLUME (not named by Skyport), MISSING_MACHINE (a "
					+ "running or stopped instance whose machine is not on its node) and STUCK (an instance in PENDING, "
					+ "CREATING or DELETING past the deadline), each with the node, name, instance, when it was first and "
					+ "last seen, and what is wrong. Sorted by node, kind and name.")
	List<DriftFinding> drift() {
		return findings.all();
	}
}
