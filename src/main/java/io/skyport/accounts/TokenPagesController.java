package io.skyport.accounts;

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

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The API tokens page: create (secret shown once), list, revoke.
 */
@Controller
class TokenPagesController {

	private final ApiTokenService tokens;

	TokenPagesController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/panel/tokens")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		return page(user, model, FormErrors.none(), null);
	}

	@PostMapping("/panel/tokens")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String name,
			Model model, RedirectAttributes redirect) {
		try {
			ApiTokenService.IssuedToken issued = tokens.issue(user.userId(), name);
			redirect.addFlashAttribute("issuedToken", issued.secret());
			redirect.addFlashAttribute("issuedName", issued.summary().name());
			return "redirect:/panel/tokens";
		}
		catch (InvalidInputException ex) {
			return page(user, model, FormErrors.of(ex), name);
		}
		catch (ConflictException ex) {
			return page(user, model, FormErrors.of("name", ex.getMessage()), name);
		}
	}

	@PostMapping("/panel/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		tokens.revoke(user.userId(), id);
		redirect.addFlashAttribute("notice", "The token was revoked; programs using it can no longer call the API.");
		return "redirect:/panel/tokens";
	}

	private String page(CurrentUser user, Model model, FormErrors errors, @Nullable String name) {
		model.addAttribute("tokens", tokens.list(user.userId()));
		model.addAttribute("errors", errors);
		model.addAttribute("name", name);
		return "accounts/tokens";
	}
}
