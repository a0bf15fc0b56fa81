package io.skyport.billing.invoicing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's "next invoice run" page: preview a run for a day (a dry run), then issue it after confirming; and
 * the past runs.
 */
@Controller
class BillingRunPagesController {

	/** Documents listed in a preview; the counts and totals cover all of them. */
	static final int PREVIEW_LIMIT = 200;

	private final InvoiceRuns runs;

	BillingRunPagesController(InvoiceRuns runs) {
		this.runs = runs;
	}

	@GetMapping("/panel/admin/billing/runs")
	String page(@AuthenticationPrincipal CurrentUser user, Model model) {
		return page(user, runs.today().toString(), null, FormErrors.none(), model);
	}

	@PostMapping("/panel/admin/billing/runs/preview")
	String preview(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String asOf,
			Model model) {
		try {
			return page(user, asOf, runs.run(user, date(asOf), true), FormErrors.none(), model);
		}
		catch (InvalidInputException ex) {
			return page(user, asOf, null, FormErrors.of(ex), model);
		}
	}

	@PostMapping("/panel/admin/billing/runs")
	String issue(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String asOf,
			@RequestParam(defaultValue = "false") boolean confirmed, Model model, RedirectAttributes redirect) {
		try {
			LocalDate day = date(asOf);
			if (!confirmed) {
				return page(user, asOf, runs.run(user, day, true), FormErrors.of("confirmed",
						"Tick the box to confirm that these documents may be issued."), model);
			}
			InvoiceRuns.RunReport report = runs.run(user, day, false);
			redirect.addFlashAttribute("notice", "Run as of " + day + ": issued " + report.invoices() + " invoice(s) and "
					+ report.creditNotes() + " credit note(s)" + (report.failures().isEmpty() ? "."
							: "; " + report.failures().size() + " customer(s) failed, see below."));
			redirect.addFlashAttribute("lastFailures", report.failures());
			return "redirect:/panel/admin/billing/runs";
		}
		catch (InvalidInputException ex) {
			return page(user, asOf, null, FormErrors.of(ex), model);
		}
	}

	private String page(CurrentUser user, String asOf, InvoiceRuns.@Nullable RunReport preview, FormErrors errors,
			Model model) {
		model.addAttribute("asOf", asOf);
		model.addAttribute("preview", preview);
		model.addAttribute("previewDocuments", preview == null ? java.util.List.of()
				: preview.documents().subList(0, Math.min(PREVIEW_LIMIT, preview.documents().size())));
		model.addAttribute("errors", errors);
		model.addAttribute("runs", runs.recent(user, 30));
		return "billing/admin-runs";
	}

	private static LocalDate date(String text) {
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.of("asOf", "Enter the day as YYYY-MM-DD, e.g. 2026-12-01.");
		}
	}
}
