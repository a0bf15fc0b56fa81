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
 * The SSH keys page of the control panel.
 */
@Controller
class SshKeyPagesController {

	private final SshKeyService keys;

	SshKeyPagesController(SshKeyService keys) {
		this.keys = keys;
	}

	@GetMapping("/panel/ssh-keys")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		return page(user, model, FormErrors.none(), null, null);
	}

	@PostMapping("/panel/ssh-keys")
	String add(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String publicKey, Model model, RedirectAttributes redirect) {
		try {
			SshKeyService.SshKeyView key = keys.add(user.userId(), name, publicKey);
			redirect.addFlashAttribute("notice", "Added '" + key.name() + "' (" + key.fingerprint() + ").");
			return "redirect:/panel/ssh-keys";
		}
		catch (InvalidInputException ex) {
			boolean privateKey = publicKey != null && SshPublicKeyParser.isPrivateKey(publicKey);
			return page(user, model, FormErrors.of(ex), name, privateKey ? null : publicKey);
		}
		catch (ConflictException ex) {
			return page(user, model, FormErrors.of("publicKey", ex.getMessage()), name, publicKey);
		}
	}

	@PostMapping("/panel/ssh-keys/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		SshKeyService.SshKeyView key = keys.get(user.userId(), id);
		keys.delete(user.userId(), id);
		redirect.addFlashAttribute("notice", "Deleted '" + key.name() + "'.");
		return "redirect:/panel/ssh-keys";
	}

	private String page(CurrentUser user, Model model, FormErrors errors, @Nullable String name,
			@Nullable String publicKey) {
		model.addAttribute("keys", keys.list(user.userId()));
		model.addAttribute("errors", errors);
		model.addAttribute("name", name);
		model.addAttribute("publicKey", publicKey);
		return "accounts/ssh-keys";
	}
}
