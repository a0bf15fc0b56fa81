package io.skyport.billing.subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.billing.subscriptions.OrderService.OrderRequest;
import io.skyport.billing.subscriptions.OrderService.PlacedOrder;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The order page the storefront's "Order" and "Start free trial" buttons lead to: a signed-in customer sees the plan
 * and its price (as the storefront showed it), picks the region (among the plan's regions that have room for it right
 * now) and SSH keys, and confirms. A customer without billing details is
 * sent to enter them first and comes back here.
 */
@Controller
class OrderPagesController {

	private final OrderService orders;
	private final Accounts accounts;

	OrderPagesController(OrderService orders, Accounts accounts) {
		this.orders = orders;
		this.accounts = accounts;
	}

	@GetMapping("/order")
	String order(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String plan,
			@RequestParam(defaultValue = "false") boolean trial, @RequestParam(required = false) @Nullable String storefront,
			Model model, RedirectAttributes redirect) {
		OrderService.requireCustomer(user);
		UUID planId = planId(plan);
		if (!orders.hasBillingDetails(user)) {
			redirect.addFlashAttribute("notice", "Add your billing details first; then you confirm your order.");
			return "redirect:" + link("/panel/billing/details", planId, trial, storefront);
		}
		return page(user, planId, trial, storefront, null, List.of(), FormErrors.none(), model);
	}

	@PostMapping("/order")
	String confirm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String plan,
			@RequestParam(defaultValue = "false") boolean trial, @RequestParam(required = false) @Nullable String storefront,
			@RequestParam(required = false) @Nullable String region,
			@RequestParam(name = "sshKeyIds", required = false) @Nullable List<String> sshKeyIds, Model model,
			RedirectAttributes redirect) {
		UUID planId = planId(plan);
		List<UUID> keys = new ArrayList<>();
		for (String key : sshKeyIds == null ? List.<String>of() : sshKeyIds) {
			try {
				keys.add(UUID.fromString(key));
			}
			catch (IllegalArgumentException ex) {
				return page(user, planId, trial, storefront, region, keys,
						FormErrors.of("sshKeyIds", "Pick your SSH keys from the list."), model);
			}
		}
		try {
			PlacedOrder placed = orders.place(user, new OrderRequest(planId, trial, null, keys, storefront, region));
			redirect.addFlashAttribute("notice", trial ? "Your free trial has started. Your server is being prepared."
					: "Thank you for your order. Your server is being prepared.");
			return "redirect:/panel/subscriptions/" + placed.subscriptionId();
		}
		catch (InvalidInputException ex) {
			return page(user, planId, trial, storefront, region, keys, FormErrors.of(ex), model);
		}
		catch (ConflictException ex) {
			if (!orders.hasBillingDetails(user)) {
				redirect.addFlashAttribute("notice", "Add your billing details first; then you confirm your order.");
				return "redirect:" + link("/panel/billing/details", planId, trial, storefront);
			}
			return page(user, planId, trial, storefront, region, keys, FormErrors.of("order", ex.getMessage()), model);
		}
	}

	private String page(CurrentUser user, UUID planId, boolean trial, @Nullable String storefront,
			@Nullable String region, List<UUID> picked, FormErrors errors, Model model) {
		model.addAttribute("trial", trial);
		model.addAttribute("storefront", storefront);
		model.addAttribute("keys", accounts.sshKeys(user.userId()));
		model.addAttribute("picked", picked.stream().map(UUID::toString).toList());
		model.addAttribute("errors", errors);
		model.addAttribute("problem", null);
		model.addAttribute("withoutTrial", null);
		model.addAttribute("regions", List.of());
		model.addAttribute("pickedRegion", region);
		try {
			OrderQuote quote = orders.quote(user, planId, trial, storefront);
			List<String> regions = orders.regionsWithRoom(quote.plan());
			model.addAttribute("quote", quote);
			model.addAttribute("regions", regions);
			if (region == null && regions.size() == 1) {
				model.addAttribute("pickedRegion", regions.getFirst());
			}
		}
		catch (ConflictException ex) {
			model.addAttribute("quote", null);
			model.addAttribute("problem", ex.getMessage());
			if (trial) {
				try {
					orders.quote(user, planId, false, storefront);
					model.addAttribute("withoutTrial", link("/order", planId, false, storefront));
				}
				catch (ConflictException unavailable) {
					model.addAttribute("withoutTrial", null);
				}
			}
		}
		return "billing/order";
	}

	private static UUID planId(@Nullable String plan) {
		try {
			if (plan != null) {
				return UUID.fromString(plan.strip());
			}
		}
		catch (IllegalArgumentException ex) {
			// the same answer as for a plan that does not exist
		}
		throw new NotFoundException("There is no such plan. Pick one on a product page.");
	}

	/** A link back to the order page (or to a page that returns to it), with the order's parameters. */
	static String link(String path, UUID planId, boolean trial, @Nullable String storefront) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path).queryParam("plan", planId)
			.queryParam("trial", trial);
		if (storefront != null && !storefront.isBlank()) {
			link.queryParam("storefront", storefront.strip());
		}
		return link.encode().build().toUriString();
	}
}
