package io.skyport.compute.instances;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.consolelogs.ConsoleLogQuery;
import io.skyport.platform.errors.InvalidInputException;

/**
 * An instance's console log page for its owner and operators: the last lines with a live tail, or the lines captured
 * in a time range (what the deployment timeline links to), and the download.
 */
@Controller
class ConsoleLogPagesController {

	private final InstanceRegistry registry;
	private final InstanceConsoleLogs logs;

	ConsoleLogPagesController(InstanceRegistry registry, InstanceConsoleLogs logs) {
		this.registry = registry;
		this.logs = logs;
	}

	@GetMapping({ "/panel/instances/{id}/console-log", "/panel/admin/instances/{id}/console-log" })
	String page(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable String until,
			@RequestParam(required = false) @Nullable String step, Model model) {
		InstanceDetails instance = registry.get(viewer, id);
		ConsoleLogQuery query;
		try {
			query = ConsoleLogQuery.parse(since, until, null, null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.getMessage() + " Showing the last lines instead.");
			query = ConsoleLogQuery.TAIL;
		}
		model.addAttribute("instance", instance);
		model.addAttribute("operator", viewer.isOperator());
		model.addAttribute("query", query);
		model.addAttribute("step", step == null || step.isBlank() ? null
				: step.strip().substring(0, Math.min(step.strip().length(), 60)));
		model.addAttribute("log", logs.read(viewer, id, query));
		return "compute/console-log";
	}
}
