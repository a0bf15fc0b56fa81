package io.skyport.compute.nocloud;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.skyport.accounts.CurrentUser;

/**
 * The data-source access audit pages: the owner's and the operators'.
 */
@Controller
class DataSourceAccessPagesController {

	static final int PAGE_SIZE = 50;

	private final DataSourceAccesses accesses;

	DataSourceAccessPagesController(DataSourceAccesses accesses) {
		this.accesses = accesses;
	}

	@GetMapping("/panel/instances/{id}/datasource")
	String owner(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int page, Model model) {
		return page(user, id, page, "/panel/instances/" + id + "/datasource", model);
	}

	@GetMapping("/panel/admin/instances/{id}/datasource")
	String operator(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int page, Model model) {
		return page(user, id, page, "/panel/admin/instances/" + id + "/datasource", model);
	}

	private String page(CurrentUser user, UUID id, int page, String path, Model model) {
		model.addAttribute("audit", accesses.page(user, id, Math.max(0, page), PAGE_SIZE));
		model.addAttribute("path", path);
		return "compute/datasource-accesses";
	}
}
