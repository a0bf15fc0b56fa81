package io.skyport.compute.instances;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.ComputePageSection;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceState;
import io.skyport.compute.consolelogs.ConsoleLogQuery;
import io.skyport.compute.pages.PageSections;
import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Instances in the control panel: the owner's list and detail pages with start/stop/reboot and the console log,
 * and the operators' list of every instance with the domain XML.
 */
@Controller
class InstancePagesController {

	private final InstanceRegistry registry;
	/** The console lines the instance page shows; the console log page has the rest. */
	private static final ConsoleLogQuery CONSOLE_TAIL = new ConsoleLogQuery(null, null, null, 25);

	private final InstanceOwnerActions operations;
	private final PageSections sections;
	private final InstanceConsoleLogs consoleLogs;

	InstancePagesController(InstanceRegistry registry, InstanceOwnerActions operations, PageSections sections,
			InstanceConsoleLogs consoleLogs) {
		this.sections = sections;
		this.registry = registry;
		this.operations = operations;
		this.consoleLogs = consoleLogs;
	}

	@GetMapping({ "/panel/instances", "/panel/admin/instances" })
	String list(@AuthenticationPrincipal CurrentUser viewer, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable UUID nodeId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + InstanceQuery.DEFAULT_SIZE) int size, Model model) {
		InstanceQuery query;
		try {
			query = InstanceQuery.parse(viewer, state, viewer.isOperator() ? nodeId : null, null, page, size);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", ex.getMessage());
			query = InstanceQuery.parse(viewer, null, null, null, 0, InstanceQuery.DEFAULT_SIZE);
		}
		InstanceQuery.Page result = registry.search(query);
		model.addAttribute("result", result);
		model.addAttribute("instances", result.instances());
		model.addAttribute("query", query);
		model.addAttribute("states", InstanceState.values());
		model.addAttribute("operator", viewer.isOperator());
		model.addAttribute("listPath", viewer.isOperator() ? "/panel/admin/instances" : "/panel/instances");
		return "compute/instances";
	}

	@GetMapping({ "/panel/instances/{id}", "/panel/admin/instances/{id}" })
	String detail(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, Model model) {
		InstanceDetails instance = registry.get(viewer, id);
		model.addAttribute("instance", instance);
		model.addAttribute("operator", viewer.isOperator());
		model.addAttribute("console", consoleLogs.read(viewer, id, CONSOLE_TAIL));
		model.addAttribute("domainXml", viewer.isOperator() ? hostAnswer(() -> operations.definition(viewer, id)) : null);
		model.addAttribute("sections", sections.of(ComputePageSection.Page.INSTANCE, viewer, id));
		return "compute/instance";
	}

	@PostMapping("/panel/instances/{id}/actions")
	String act(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, @RequestParam String action,
			RedirectAttributes redirect) {
		try {
			Instance.Action parsed = Instance.Action.valueOf(action.toUpperCase(Locale.ROOT));
			InstanceDetails instance = operations.act(viewer, id, parsed);
			redirect.addFlashAttribute("notice", switch (parsed) {
				case START -> instance.name() + " is starting.";
				case STOP -> instance.name() + " is stopped.";
				case REBOOT -> instance.name() + " is rebooting.";
			});
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("notice", "Choose start, stop or reboot.");
		}
		catch (ConflictException | BusyException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/instances/" + id;
	}

	/** What the host says, or why it could not be asked — the page renders either way. */
	private static String hostAnswer(java.util.function.Supplier<String> call) {
		try {
			return call.get();
		}
		catch (ConflictException | BusyException | io.skyport.platform.errors.NotFoundException ex) {
			return "(" + ex.getMessage() + ")";
		}
	}
}
