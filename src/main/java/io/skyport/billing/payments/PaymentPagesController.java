package io.skyport.billing.payments;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operators' payments page (record a payment against an open invoice, latest payments) and dunning page (overdue
 * invoices with the steps taken, and running dunning now).
 */
@Controller
class PaymentPagesController {

	private static final int LIMIT = 200;

	private final Payments payments;
	private final Dunning dunning;

	PaymentPagesController(Payments payments, Dunning dunning) {
		this.payments = payments;
		this.dunning = dunning;
	}

	@GetMapping("/panel/admin/payments")
	String payments(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID invoiceId,
			Model model) {
		return paymentsPage(user, new Form(invoiceId, "", "", ""), FormErrors.none(), model);
	}

	record Form(@org.jspecify.annotations.Nullable UUID invoiceId, String amount, String paidOn, String reference) {
	}

	@PostMapping("/panel/admin/payments")
	String record(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID invoiceId,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String paidOn,
			@RequestParam(defaultValue = "") String reference, Model model, RedirectAttributes redirect) {
		Form form = new Form(invoiceId, amount, paidOn, reference);
		if (invoiceId == null) {
			return paymentsPage(user, form, FormErrors.of("invoiceId", "Choose the invoice that was paid."), model);
		}
		try {
			Payments.Payment payment = payments.record(user, invoiceId,
					new Payments.PaymentRequest(amount, paidOn, reference));
			redirect.addFlashAttribute("notice", "Invoice " + payment.invoiceNumber() + " is paid ("
					+ payment.amount().display() + ").");
			return "redirect:/panel/admin/payments";
		}
		catch (InvalidInputException ex) {
			return paymentsPage(user, form, FormErrors.of(ex), model);
		}
		catch (ConflictException ex) {
			return paymentsPage(user, form, FormErrors.of("invoiceId", ex.getMessage()), model);
		}
	}

	@GetMapping("/panel/admin/dunning")
	String dunning(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("overdue", dunning.overdue(user, LIMIT));
		model.addAttribute("thresholds", dunning.thresholds());
		return "billing/admin-dunning";
	}

	@PostMapping("/panel/admin/dunning/run")
	String runDunning(@AuthenticationPrincipal CurrentUser user, Model model, RedirectAttributes redirect) {
		dunning.overdue(user, 1);
		Dunning.Report report = dunning.run();
		redirect.addFlashAttribute("notice", "Dunning as of " + report.asOf() + ": " + report.invoices()
				+ " overdue invoice(s) looked at, steps taken " + report.steps() + (report.failures() == 0 ? "."
						: ", " + report.failures() + " failed (see the log; the next run tries again)."));
		return "redirect:/panel/admin/dunning";
	}

	private String paymentsPage(CurrentUser user, Form form, FormErrors errors, Model model) {
		model.addAttribute("openInvoices", payments.openInvoices(user, LIMIT));
		model.addAttribute("payments", payments.recent(user, LIMIT));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "billing/admin-payments";
	}
}
