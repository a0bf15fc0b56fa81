package io.skyport.accounts;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
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
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The second step of signing in ({@code /login/code}) and the sign-in security page: passkeys, the authenticator
 * app, recovery codes, and (for operators) the operators' second-factor policy.
 */
@Controller
class SecondFactorPagesController {

	private static final String PAGE = SecondFactorEnforcement.SECURITY_PAGE;

	private final TwoStepSignIn twoStep;
	private final SignIn signIn;
	private final SecondFactors factors;
	private final SecondFactorPolicy policy;

	SecondFactorPagesController(TwoStepSignIn twoStep, SignIn signIn, SecondFactors factors, SecondFactorPolicy policy) {
		this.twoStep = twoStep;
		this.signIn = signIn;
		this.factors = factors;
		this.policy = policy;
	}

	@GetMapping(TwoStepSignIn.CODE_PAGE)
	String codeForm(HttpServletRequest request, RedirectAttributes redirect) {
		if (twoStep.pending(request).isEmpty()) {
			redirect.addFlashAttribute("loginError", "Your sign-in timed out. Enter your e-mail address and password again.");
			return "redirect:/login";
		}
		return "accounts/login-code";
	}

	@PostMapping(TwoStepSignIn.CODE_PAGE)
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		var pending = twoStep.pending(request);
		if (pending.isEmpty()) {
			redirect.addFlashAttribute("loginError", "Your sign-in timed out. Enter your e-mail address and password again.");
			return "redirect:/login";
		}
		try {
			CurrentUser user = signIn.completeSecondFactor(pending.get().user(), pending.get().email(), code);
			return "redirect:" + twoStep.signIn(user, request, response);
		}
		catch (AuthenticationException ex) {
			model.addAttribute("codeError", ex.getMessage());
			return "accounts/login-code";
		}
	}

	@GetMapping(PAGE)
	String security(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String added,
			Model model) {
		if (added != null) {
			model.addAttribute("notice", "Your passkey was added. Next time, press Use a passkey on the sign-in page.");
		}
		return page(user, model);
	}

	@PostMapping(PAGE + "/totp")
	String startTotp(@AuthenticationPrincipal CurrentUser user, Model model) {
		try {
			factors.startTotp(user);
			return "redirect:" + PAGE + "#totp";
		}
		catch (ConflictException ex) {
			model.addAttribute("errors", FormErrors.none());
			model.addAttribute("totpError", ex.getMessage());
			return page(user, model);
		}
	}

	@PostMapping(PAGE + "/totp/confirm")
	String confirmTotp(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String code, Model model) {
		try {
			List<String> codes = factors.confirmTotp(user.userId(), code);
			model.addAttribute("notice", "Your authenticator app is set up. From now on you sign in with a code from it.");
			model.addAttribute("recoveryCodes", codes);
			return page(user, model);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			return page(user, model);
		}
	}

	@PostMapping(PAGE + "/totp/disable")
	String disableTotp(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String password, Model model, RedirectAttributes redirect) {
		try {
			factors.disableTotp(user.userId(), code, password);
			redirect.addFlashAttribute("notice", "Your authenticator app was turned off and its recovery codes deleted.");
			return "redirect:" + PAGE;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			return page(user, model);
		}
		catch (NotFoundException ex) {
			return "redirect:" + PAGE;
		}
	}

	@PostMapping(PAGE + "/recovery-codes")
	String regenerate(@AuthenticationPrincipal CurrentUser user, Model model) {
		try {
			model.addAttribute("recoveryCodes", factors.regenerateRecoveryCodes(user.userId()));
			model.addAttribute("notice", "New recovery codes: the old ones no longer work.");
		}
		catch (ConflictException ex) {
			model.addAttribute("totpError", ex.getMessage());
		}
		return page(user, model);
	}

	@PostMapping(PAGE + "/passkeys/{id}/rename")
	String renamePasskey(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
			@RequestParam(defaultValue = "") String label, Model model, RedirectAttributes redirect) {
		try {
			SecondFactors.Passkey renamed = factors.renamePasskey(user, id, label);
			redirect.addFlashAttribute("notice", "The passkey is now called '" + renamed.label() + "'.");
			return "redirect:" + PAGE;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			model.addAttribute("renaming", id);
			return page(user, model);
		}
	}

	@PostMapping(PAGE + "/passkeys/{id}/remove")
	String removePasskey(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, RedirectAttributes redirect) {
		factors.removePasskey(user, id);
		redirect.addFlashAttribute("notice", "The passkey was removed. It no longer signs you in.");
		return "redirect:" + PAGE;
	}

	@PostMapping("/panel/admin/second-factor-policy")
	String setPolicy(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean required,
			RedirectAttributes redirect) {
		policy.requireForOperators(required, user);
		redirect.addFlashAttribute("notice", required ? "Operators now need a passkey or an authenticator app."
				: "Operators no longer need a second factor.");
		return "redirect:" + PAGE;
	}

	private String page(CurrentUser user, Model model) {
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		SecondFactors.Status status = factors.status(user);
		model.addAttribute("status", status);
		model.addAttribute("enrolment", status.totpEnabled() ? null : factors.pendingTotp(user)
			.map(enrolment -> new Enrolment(enrolment.secret(), grouped(enrolment.secret()),
					QrCodes.svgDataUri(enrolment.uri())))
			.orElse(null));
		model.addAttribute("mustEnrol", policy.mustEnrol(user));
		if (user.isOperator()) {
			model.addAttribute("policyRequired", policy.requiredForOperators());
			model.addAttribute("policyByConfiguration", policy.requiredByConfiguration());
		}
		return "accounts/security";
	}

	/** An enrolment shown on the page: the secret as typed into an app, and the QR code. */
	record Enrolment(String secret, String groupedSecret, String qrCode) {
	}

	private static String grouped(String secret) {
		return String.join(" ", secret.split("(?<=\\G.{4})"));
	}
}
