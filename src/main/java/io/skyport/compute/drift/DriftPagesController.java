package io.skyport.compute.drift;

import java.time.Duration;
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
		Duration grace = properties.removalGrace();
		model.addAttribute("removalGrace", grace == null ? null : words(grace));
		model.addAttribute("interval", words(properties.interval()));
		model.addAttribute("stuckAfter", words(properties.stuckAfter()));
		return "compute/admin-drift";
	}

	/** "5 min", "2 h", "1 d", "90 s". */
	static String words(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds > 0 && seconds % 86_400 == 0) {
			return seconds / 86_400 + " d";
		}
		if (seconds > 0 && seconds % 3_600 == 0) {
			return seconds / 3_600 + " h";
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return seconds / 60 + " min";
		}
		return seconds + " s";
	}
}
