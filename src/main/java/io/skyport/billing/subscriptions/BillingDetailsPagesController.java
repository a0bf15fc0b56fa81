package io.skyport.billing.subscriptions;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.billing.subscriptions.BillingAccountService.BillingDetailsForm;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The billing details page. Reached from the order page, it carries the order's plan along and returns there once
 * the details are saved.
 */
@Controller
class BillingDetailsPagesController {

	private final BillingAccountService accounts;

	BillingDetailsPagesController(BillingAccountService accounts) {
		this.accounts = accounts;
	}

	/** Where to go back to: an order that was waiting for the billing details. */
	record ReturnTo(@Nullable UUID plan, boolean trial, @Nullable String storefront) {

		@Nullable String link() {
			return plan == null ? null : OrderPagesController.link("/order", plan, trial, storefront);
		}
	}

	@GetMapping("/panel/billing/details")
	String details(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable UUID plan,
			@RequestParam(defaultValue = "false") boolean trial, @RequestParam(required = false) @Nullable String storefront,
			Model model) {
		BillingDetailsForm form = accounts.mine(user).map(BillingDetailsForm::of).orElse(BillingDetailsForm.empty());
		return page(form, new ReturnTo(plan, trial, storefront), FormErrors.none(), model);
	}

	@PostMapping("/panel/billing/details")
	String save(@AuthenticationPrincipal CurrentUser user, @ModelAttribute BillingDetailsForm form,
			@RequestParam(required = false) @Nullable UUID plan, @RequestParam(defaultValue = "false") boolean trial,
			@RequestParam(required = false) @Nullable String storefront, Model model, RedirectAttributes redirect) {
		ReturnTo returnTo = new ReturnTo(plan, trial, storefront);
		try {
			accounts.save(user, form);
		}
		catch (InvalidInputException ex) {
			return page(form, returnTo, FormErrors.of(ex), model);
		}
		catch (ConflictException ex) {
			return page(form, returnTo, FormErrors.of("legalName", ex.getMessage()), model);
		}
		String back = returnTo.link();
		if (back != null) {
			redirect.addFlashAttribute("notice", "Saved your billing details. Now confirm your order.");
			return "redirect:" + back;
		}
		redirect.addFlashAttribute("notice", "Saved your billing details.");
		return "redirect:/panel/billing/details";
	}

	private String page(BillingDetailsForm form, ReturnTo returnTo, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("returnTo", returnTo);
		model.addAttribute("countries", Countries.ALL);
		model.addAttribute("errors", errors);
		return "billing/details";
	}
}
