package io.skyport.compute.drift;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operators' drift page: the reconciler's latest findings. */
@Controller
class DriftPagesController {

	private final DriftFindings findings;
	private final ReconcilerProperties properties;

	DriftPagesController(DriftFindings findings, ReconcilerProperties properties) {
		this.findings = findings;
		this.properties = properties;
	}

	@GetMapping(DriftWebConfiguration.PAGE)
	String drift(Model model) {
		List<DriftFinding> all = findings.all();
		model.addAttribute("findings", all);
		model.addAttribute("properties", properties);
		model.addAttribute("removalGrace", properties.removalGrace());
		return "compute/admin-drift";
	}
}
