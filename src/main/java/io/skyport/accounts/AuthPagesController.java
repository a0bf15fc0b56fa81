package io.skyport.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * Sign-in and sign-up pages.
 */
@Controller
class AuthPagesController {

	private final Registration registration;

	AuthPagesController(Registration registration) {
		this.registration = registration;
	}

	/** The sign-up form as submitted; re-shown with its values when rejected (except the password). */
	record SignupForm(@Nullable String type, @Nullable String organisationName, @Nullable String name,
			@Nullable String email, @Nullable String password, @Nullable String message) {

		static SignupForm empty(@Nullable String type) {
			return new SignupForm(type == null ? "CUSTOMER" : type.toUpperCase(), null, null, null, null, null);
		}

		SignupForm withoutPassword() {
			return new SignupForm(type, organisationName, name, email, null, message);
		}
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		HttpSession session = request.getSession(false);
		if (session != null
				&& session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException ex) {
			model.addAttribute("loginError", ex.getMessage());
			session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		}
		return "accounts/login";
	}

	@GetMapping("/signup")
	String signupForm(@RequestParam(required = false) @Nullable String type, Model model) {
		model.addAttribute("form", SignupForm.empty(type));
		model.addAttribute("errors", FormErrors.none());
		return "accounts/signup";
	}

	@PostMapping("/signup")
	String signup(@ModelAttribute SignupForm form, Model model, RedirectAttributes redirect) {
		try {
			Registration.SignupOutcome outcome = registration.signUp(new Registration.SignupCommand(Registration.signupType(form.type()),
					form.organisationName(), orEmpty(form.name()), orEmpty(form.email()), orEmpty(form.password()),
					form.message()));
			return switch (outcome) {
				case Registration.AccountCreated created -> {
					redirect.addFlashAttribute("notice", "Your account is ready. Sign in to continue.");
					redirect.addFlashAttribute("email", created.user().email());
					yield "redirect:/login";
				}
				case Registration.RequestSubmitted submitted -> {
					redirect.addFlashAttribute("requestedType", submitted.type().label().toLowerCase());
					yield "redirect:/signup/requested";
				}
			};
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", form.withoutPassword());
			model.addAttribute("errors", FormErrors.of(ex));
			return "accounts/signup";
		}
	}

	@GetMapping("/signup/requested")
	String requested() {
		return "accounts/signup-requested";
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}
}
