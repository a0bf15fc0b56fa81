package io.skyport.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The control panel's home and the user's own profile.
 */
@Controller
class AccountPagesController {

	private final AccountSettings settings;
	private final SshKeyService sshKeys;
	private final ApiTokenService tokens;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountPagesController(AccountSettings settings, SshKeyService sshKeys, ApiTokenService tokens) {
		this.settings = settings;
		this.sshKeys = sshKeys;
		this.tokens = tokens;
	}

	@GetMapping("/panel")
	String dashboard(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("sshKeyCount", sshKeys.count(user.userId()));
		model.addAttribute("tokenCount", tokens.count(user.userId()));
		return "accounts/dashboard";
	}

	@GetMapping("/panel/account")
	String account(Model model) {
		model.addAttribute("errors", FormErrors.none());
		return "accounts/account";
	}

	@PostMapping("/panel/account/name")
	String rename(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String name, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			CurrentUser renamed = settings.rename(user.userId(), name);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(renamed, null, renamed.authorities()));
			SecurityContextHolder.setContext(context);
			contexts.saveContext(context, request, response);
			redirect.addFlashAttribute("notice", "Your name was changed.");
			return "redirect:/panel/account";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			return "accounts/account";
		}
	}

	@PostMapping("/panel/account/password")
	String changePassword(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
			@RequestParam(required = false) @Nullable String confirmPassword, Model model, RedirectAttributes redirect) {
		try {
			if (confirmPassword != null && !confirmPassword.equals(newPassword)) {
				throw InvalidInputException.of("confirmPassword", "The two new passwords are not the same.");
			}
			settings.changePassword(user.userId(), currentPassword, newPassword);
			redirect.addFlashAttribute("notice", "Your password was changed.");
			return "redirect:/panel/account";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			return "accounts/account";
		}
	}
}
