package io.skyport.marketplace;

import java.io.IOException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.catalog.Catalog;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The reseller's storefront settings page.
 */
@Controller
class StorefrontPagesController {

	private final StorefrontService storefronts;
	private final Catalog catalog;

	StorefrontPagesController(StorefrontService storefronts, Catalog catalog) {
		this.storefronts = storefronts;
		this.catalog = catalog;
	}

	@GetMapping("/panel/reseller/storefront")
	String edit(@AuthenticationPrincipal CurrentUser reseller, Model model) {
		var existing = storefronts.mine(reseller);
		StorefrontService.StorefrontForm form = existing
			.map(view -> new StorefrontService.StorefrontForm(view.settings().slug(), view.settings().name(),
					view.settings().tagline(), view.settings().primaryColour(), view.settings().accentColour(),
					view.settings().customDomain(), view.settings().markupPercent(), view.settings().categoryMarkups()))
			.orElseGet(() -> storefronts.suggestion(reseller));
		return page(model, form, existing.orElse(null), FormErrors.none());
	}

	@PostMapping("/panel/reseller/storefront")
	String save(@AuthenticationPrincipal CurrentUser reseller,
			@ModelAttribute("form") StorefrontService.StorefrontForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return page(model, form, storefronts.mine(reseller).orElse(null), FormErrors.of(binding));
		}
		try {
			StorefrontService.StorefrontView saved = storefronts.configure(reseller, form);
			redirect.addFlashAttribute("notice", "Your storefront is live at " + saved.path()
					+ (saved.settings().customDomain() != null ? " and https://" + saved.settings().customDomain() : "") + ".");
			return "redirect:/panel/reseller/storefront";
		}
		catch (InvalidInputException ex) {
			return page(model, form, storefronts.mine(reseller).orElse(null), FormErrors.of(ex));
		}
	}

	@PostMapping("/panel/reseller/storefront/logo")
	String logo(@AuthenticationPrincipal CurrentUser reseller,
			@RequestParam(required = false) @org.jspecify.annotations.Nullable MultipartFile file, RedirectAttributes redirect)
			throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.of("file", "Choose an image file to upload.");
			}
			storefronts.uploadLogo(reseller, file.getBytes());
			redirect.addFlashAttribute("notice", "Your storefront's logo was updated.");
		}
		catch (InvalidInputException | NotFoundException ex) {
			redirect.addFlashAttribute("logoProblem", ex.getMessage());
		}
		return "redirect:/panel/reseller/storefront";
	}

	private String page(Model model, StorefrontService.StorefrontForm form,
			StorefrontService.@org.jspecify.annotations.Nullable StorefrontView current, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("current", current);
		model.addAttribute("categories", catalog.categories());
		model.addAttribute("errors", errors);
		return "marketplace/storefront-settings";
	}
}
