package io.skyport.billing.invoicing;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.skyport.accounts.CurrentUser;

/**
 * Invoices in the control panel: a customer's own, and all of them for operators.
 */
@Controller
class InvoicePagesController {

	static final int PAGE_SIZE = 50;

	private final InvoiceQueries queries;

	InvoicePagesController(InvoiceQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/panel/invoices")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
		return listPage(user, page, model, "billing/invoices");
	}

	@GetMapping("/panel/admin/invoices")
	String all(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
		return listPage(user, page, model, "billing/admin-invoices");
	}

	@GetMapping("/panel/invoices/{id}")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("invoice", queries.get(user, id));
		return "billing/invoice";
	}

	private String listPage(CurrentUser user, int page, Model model, String view) {
		int current = Math.max(0, page);
		var invoices = queries.list(user, current, PAGE_SIZE + 1);
		model.addAttribute("invoices", invoices.size() > PAGE_SIZE ? invoices.subList(0, PAGE_SIZE) : invoices);
		model.addAttribute("page", current);
		model.addAttribute("hasNext", invoices.size() > PAGE_SIZE);
		return view;
	}
}
