package io.skyport.accounts;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * Operator pages: vendor and reseller sign-up requests, and all organisations.
 */
@Controller
class AdminAccountPagesController {

	private final Registration registration;
	private final OrganisationDirectory directory;

	AdminAccountPagesController(Registration registration, OrganisationDirectory directory) {
		this.registration = registration;
		this.directory = directory;
	}

	@GetMapping("/panel/admin/signups")
	String signups(Model model) {
		return signupsPage(model, FormErrors.none(), null);
	}

	@PostMapping("/panel/admin/signups/{id}/approve")
	String approve(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID id, Model model,
			RedirectAttributes redirect) {
		try {
			CurrentUser created = registration.approve(id, operator.userId());
			redirect.addFlashAttribute("notice", "Approved: " + created.organisationName() + " ("
					+ created.organisationType().label().toLowerCase() + ") can now sign in as " + created.email() + ".");
			return "redirect:/panel/admin/signups";
		}
		catch (InvalidInputException | ConflictException ex) {
			return signupsPage(model, FormErrors.of("request", ex.getMessage()), id);
		}
	}

	@PostMapping("/panel/admin/signups/{id}/reject")
	String reject(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
		try {
			registration.reject(id, operator.userId(), reason);
			redirect.addFlashAttribute("notice", "Rejected the request.");
			return "redirect:/panel/admin/signups";
		}
		catch (InvalidInputException | ConflictException ex) {
			return signupsPage(model, FormErrors.of("reason", ex.getMessage()), id);
		}
	}

	@GetMapping("/panel/admin/organisations")
	String organisations(Model model) {
		model.addAttribute("organisations", directory.all());
		return "accounts/admin-organisations";
	}

	private String signupsPage(Model model, FormErrors errors, UUID failedRequest) {
		model.addAttribute("pending", registration.pendingRequests());
		model.addAttribute("decided", registration.recentlyDecidedRequests());
		model.addAttribute("errors", errors);
		model.addAttribute("failedRequest", failedRequest);
		return "accounts/admin-signups";
	}
}
