package io.skyport.compute.nodes;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operators' enrolment tokens page: create (the secret is shown once), list, revoke.
 */
@Controller
class EnrolmentTokenPagesController {

	static final String TOKENS = NodePagesController.NODES + "/enrolment-tokens";

	private final NodeEnrolment enrolment;

	EnrolmentTokenPagesController(NodeEnrolment enrolment) {
		this.enrolment = enrolment;
	}

	@GetMapping(TOKENS)
	String list(Model model) {
		return page(model, new NodeEnrolment.TokenForm(null, null, NodeEnrolment.DEFAULT_VALID_HOURS), FormErrors.none());
	}

	@PostMapping(TOKENS)
	String create(@ModelAttribute("form") NodeEnrolment.TokenForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return page(model, form, FormErrors.of(binding));
		}
		try {
			NodeEnrolment.IssuedToken issued = enrolment.issue(form);
			redirect.addFlashAttribute("issuedToken", issued.secret());
			redirect.addFlashAttribute("issuedName", issued.token().name());
			return "redirect:" + TOKENS;
		}
		catch (InvalidInputException ex) {
			return page(model, form, FormErrors.of(ex));
		}
	}

	@PostMapping(TOKENS + "/{id}/revoke")
	String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			NodeEnrolment.TokenView token = enrolment.revoke(id);
			redirect.addFlashAttribute("notice", "Revoked the enrolment token '" + token.name()
					+ "': hosts can no longer enrol with it. Nodes it enrolled keep working.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:" + TOKENS;
	}

	private String page(Model model, NodeEnrolment.TokenForm form, FormErrors errors) {
		model.addAttribute("tokens", enrolment.tokens());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("skyportUrl", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
		return "compute/admin-enrolment-tokens";
	}
}
