package io.skyport.audit;

import java.io.IOException;


import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;
import io.skyport.platform.web.QueryNumbers;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The audit trail's pages: operators' whole trail at {@code /panel/admin/audit}, each organisation's own at
 * {@code /panel/audit}, both with filters, paging and a CSV export of the filtered entries.
 */
@Controller
class AuditPagesController {

	static final String ADMIN = "/panel/admin/audit";
	static final String OWN = "/panel/audit";
	static final int PAGE_SIZE = 50;

	private final AuditTrail trail;

	AuditPagesController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping(ADMIN)
	String all(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") AuditFilter.Params form,
			@RequestParam(required = false) @Nullable String page, Model model) {
		return show(AuditTrail.Scope.of(user, true), form, page, ADMIN, model);
	}

	@GetMapping(OWN)
	String own(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") AuditFilter.Params form,
			@RequestParam(required = false) @Nullable String page, Model model) {
		return show(AuditTrail.Scope.of(user, false), withoutOrganisation(form), page, OWN, model);
	}

	@GetMapping(ADMIN + "/export.csv")
	void exportAll(@AuthenticationPrincipal CurrentUser user, @ModelAttribute AuditFilter.Params form,
			HttpServletResponse response) throws IOException {
		export(AuditTrail.Scope.of(user, true), form, response);
	}

	@GetMapping(OWN + "/export.csv")
	void exportOwn(@AuthenticationPrincipal CurrentUser user, @ModelAttribute AuditFilter.Params form,
			HttpServletResponse response) throws IOException {
		export(AuditTrail.Scope.of(user, false), withoutOrganisation(form), response);
	}

	private String show(AuditTrail.Scope scope, AuditFilter.Params form, @Nullable String pageText, String path,
			Model model) {
		model.addAttribute("whole", scope.organisationId() == null);
		model.addAttribute("path", path);
		try {
			AuditFilter filter = AuditFilter.parse(form);
			int page = QueryNumbers.wholeNumber("page", pageText, 0, 0, AuditTrail.MAX_PAGE);
			AuditTrail.Page result = trail.search(scope, filter, page, PAGE_SIZE);
			model.addAttribute("errors", FormErrors.none());
			model.addAttribute("entries", result.entries());
			model.addAttribute("page", page);
			model.addAttribute("hasMore", result.hasMore());
			model.addAttribute("filtered", !filter.isEmpty());
			model.addAttribute("exportUrl", link(path + "/export.csv", form, null));
			model.addAttribute("newerUrl", page > 0 ? link(path, form, page - 1) : null);
			model.addAttribute("olderUrl", result.hasMore() ? link(path, form, page + 1) : null);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex));
			model.addAttribute("entries", java.util.List.of());
			model.addAttribute("page", 0);
			model.addAttribute("hasMore", false);
			model.addAttribute("filtered", true);
			model.addAttribute("exportUrl", null);
			model.addAttribute("newerUrl", null);
			model.addAttribute("olderUrl", null);
		}
		return "audit/trail";
	}

	private void export(AuditTrail.Scope scope, AuditFilter.Params form, HttpServletResponse response)
			throws IOException {
		AuditFilter filter;
		try {
			filter = AuditFilter.parse(form);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write(ex.getMessage());
			return;
		}
		AuditApiController.writeCsv(trail, scope, filter, response);
	}

	private static AuditFilter.Params withoutOrganisation(AuditFilter.Params form) {
		return new AuditFilter.Params(form.from(), form.to(), form.actor(), null, form.action(), form.outcome(),
				form.targetType(), form.targetId());
	}

	private static String link(String path, AuditFilter.Params form, @Nullable Integer page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		param(uri, "from", form.from());
		param(uri, "to", form.to());
		param(uri, "actor", form.actor());
		param(uri, "organisation", form.organisation());
		param(uri, "action", form.action());
		param(uri, "outcome", form.outcome());
		param(uri, "targetType", form.targetType());
		param(uri, "targetId", form.targetId());
		if (page != null && page > 0) {
			uri.queryParam("page", page);
		}
		return uri.encode().build().toUriString();
	}

	private static void param(UriComponentsBuilder uri, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			uri.queryParam(name, value.strip());
		}
	}
}
