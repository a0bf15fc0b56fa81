package io.skyport.billing.subscriptions;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.billing.SubscriptionState;
import io.skyport.billing.subscriptions.SubscriptionService.SubscriptionPage;
import io.skyport.platform.errors.ConflictException;

/**
 * Subscriptions in the control panel: the customer's list and detail (keep a trial, cancel with a confirmation), and
 * the lists of vendors, resellers and operators.
 */
@Controller
class SubscriptionPagesController {

	static final int PAGE_SIZE = 50;

	private final SubscriptionService subscriptions;

	SubscriptionPagesController(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping("/panel/subscriptions")
	String mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		return list(user, page, model, "/panel/subscriptions", "Your subscriptions",
				"What your organisation ordered, with the price you pay each month.");
	}

	@GetMapping("/panel/vendor/subscriptions")
	String vendor(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		return list(user, page, model, "/panel/vendor/subscriptions", "Subscriptions to your products",
				"Every customer subscription to your products, at your list price.");
	}

	@GetMapping("/panel/reseller/subscriptions")
	String reseller(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1") int page,
			Model model) {
		return list(user, page, model, "/panel/reseller/subscriptions", "Your customers' subscriptions",
				"Subscriptions ordered on your storefront, with the list price and your markup.");
	}

	@GetMapping("/panel/admin/subscriptions")
	String all(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		return list(user, page, model, "/panel/admin/subscriptions", "All subscriptions",
				"Every subscription on the platform, newest first.");
	}

	private String list(CurrentUser user, int page, Model model, String path, String title, String lead) {
		SubscriptionPage found = subscriptions.list(user, null, Math.max(page, 1) - 1, PAGE_SIZE);
		model.addAttribute("page", found);
		model.addAttribute("path", path);
		model.addAttribute("heading", title);
		model.addAttribute("lead", lead);
		model.addAttribute("customerView", user.is(OrganisationType.CUSTOMER));
		return "billing/subscriptions";
	}

	@GetMapping("/panel/subscriptions/{id}")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("subscription", subscriptions.get(user, id));
		model.addAttribute("mayChange", mayChange(user));
		return "billing/subscription";
	}

	@PostMapping("/panel/subscriptions/{id}/keep")
	String keep(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "true") boolean keep, RedirectAttributes redirect) {
		SubscriptionView view = subscriptions.keepAfterTrial(user, id, keep);
		redirect.addFlashAttribute("notice", keep
				? "You keep " + view.productName() + ": it becomes a paid subscription when the trial ends."
				: "The trial of " + view.productName() + " will end without a subscription.");
		return "redirect:/panel/subscriptions/" + id;
	}

	@GetMapping("/panel/subscriptions/{id}/cancel")
	String confirmCancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		SubscriptionView view = subscriptions.changeable(user, id);
		if (!view.live()) {
			throw new ConflictException("This subscription has already ended.");
		}
		model.addAttribute("subscription", view);
		return "billing/cancel";
	}

	@PostMapping("/panel/subscriptions/{id}/cancel")
	String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "period-end") String when, RedirectAttributes redirect) {
		boolean now = "now".equals(when);
		SubscriptionView view = subscriptions.cancel(user, id, now);
		redirect.addFlashAttribute("notice", view.state() == SubscriptionState.CANCELLED
				? view.productName() + " is cancelled."
				: view.productName() + " is cancelled; it runs until the end of the period, " + view.endsOn() + ".");
		return "redirect:/panel/subscriptions/" + id;
	}

	/** The customer (who sees only their own) and operators change subscriptions; vendors and resellers look. */
	private static boolean mayChange(CurrentUser user) {
		return user.isOperator() || user.is(OrganisationType.CUSTOMER);
	}
}
