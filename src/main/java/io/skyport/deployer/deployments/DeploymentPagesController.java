package io.skyport.deployer.deployments;

import java.util.List;
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
import io.skyport.deployer.DeploymentState;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Deployments in the panel: the list, and one deployment's timeline, which updates itself while it runs, with the
 * access instructions once the server is ready and the operators' retry and rollback.
 */
@Controller
class DeploymentPagesController {

	private static final int PAGE_SIZE = 25;

	private final DeploymentViews views;
	private final DeploymentRequests requests;

	DeploymentPagesController(DeploymentViews views, DeploymentRequests requests) {
		this.views = views;
		this.requests = requests;
	}

	@GetMapping("/panel/deployments")
	String list(@AuthenticationPrincipal CurrentUser viewer, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable Integer page, Model model) {
		List<DeploymentState> states;
		try {
			states = state == null || state.isBlank() ? List.of() : DeploymentApiController.states(List.of(state));
		}
		catch (InvalidInputException ex) {
			states = List.of();
			model.addAttribute("notice", ex.getMessage());
		}
		int number = page == null || page < 0 ? 0 : Math.min(page, 100_000);
		DeploymentViews.Listing listing = views.list(viewer, states, number, PAGE_SIZE);
		model.addAttribute("listing", listing);
		model.addAttribute("state", states.isEmpty() ? "" : states.getFirst().name());
		model.addAttribute("states", DeploymentState.values());
		model.addAttribute("operator", viewer.isOperator());
		model.addAttribute("hasMore", (long) (number + 1) * PAGE_SIZE < listing.total());
		return "deployer/deployments";
	}

	@GetMapping("/panel/deployments/{id}")
	String detail(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, Model model) {
		DeploymentViews.View view = views.get(viewer, id);
		model.addAttribute("deployment", view);
		model.addAttribute("operator", viewer.isOperator());
		boolean owner = view.organisationId().equals(viewer.organisationId().id());
		model.addAttribute("access", owner && view.state() == DeploymentState.READY ? views.access(viewer, id) : null);
		model.addAttribute("consoleLogBase", consoleLogBase(viewer, view));
		return "deployer/deployment";
	}

	/** The timeline alone, for the page's script to refresh while the deployment runs. */
	@GetMapping("/panel/deployments/{id}/timeline")
	String timeline(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, Model model) {
		DeploymentViews.View view = views.get(viewer, id);
		model.addAttribute("deployment", view);
		model.addAttribute("operator", viewer.isOperator());
		model.addAttribute("consoleLogBase", consoleLogBase(viewer, view));
		return "deployer/deployment :: timeline";
	}

	/**
	 * The server's console log page, which each timeline step links to with its time range; only for those who may
	 * read the log (the owner and operators, not the product's vendor).
	 */
	private static @Nullable String consoleLogBase(CurrentUser viewer, DeploymentViews.View view) {
		if (viewer.isOperator()) {
			return "/panel/admin/instances/" + view.instanceId() + "/console-log";
		}
		return view.organisationId().equals(viewer.organisationId().id())
				? "/panel/instances/" + view.instanceId() + "/console-log" : null;
	}

	@PostMapping("/panel/deployments/{id}/retry")
	String retry(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			DeploymentState from = requests.retry(viewer, id);
			redirect.addFlashAttribute("notice", "Retrying from " + from.name().toLowerCase(java.util.Locale.ROOT)
				.replace('_', ' ') + ".");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/deployments/" + id;
	}

	@PostMapping("/panel/deployments/{id}/rollback")
	String rollBack(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			requests.rollBack(viewer, id);
			redirect.addFlashAttribute("notice", "Rolling back what the deployment made.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/deployments/" + id;
	}
}
