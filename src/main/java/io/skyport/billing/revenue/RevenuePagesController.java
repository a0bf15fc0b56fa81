package io.skyport.billing.revenue;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;
import io.skyport.platform.web.NavigationItem;

/**
 * The revenue pages of vendors and resellers, with their panel links.
 */
@Controller
class RevenuePagesController {

	private final Revenue revenue;

	RevenuePagesController(Revenue revenue) {
		this.revenue = revenue;
	}

	@GetMapping("/panel/vendor/revenue")
	String vendor(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, Model model) {
		return page(user, from, to, false, model);
	}

	@GetMapping("/panel/reseller/revenue")
	String reseller(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, Model model) {
		return page(user, from, to, true, model);
	}

	private String page(CurrentUser user, @Nullable String from, @Nullable String to, boolean reseller, Model model) {
		Revenue.Range range;
		FormErrors errors = FormErrors.none();
		try {
			range = revenue.range(from, to);
		}
		catch (InvalidInputException ex) {
			errors = FormErrors.of(ex);
			range = revenue.range(null, null);
		}
		Revenue.Report report = reseller ? revenue.reseller(user, range) : revenue.vendor(user, range);
		model.addAttribute("report", report);
		model.addAttribute("from", errors.isEmpty() ? range.from().toString() : from);
		model.addAttribute("to", errors.isEmpty() ? range.to().toString() : to);
		model.addAttribute("errors", errors);
		model.addAttribute("reseller", reseller);
		model.addAttribute("action", reseller ? "/panel/reseller/revenue" : "/panel/vendor/revenue");
		return "billing/revenue";
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Links {

		@Bean
		NavigationItem vendorRevenueLink() {
			return NavigationItem.forAuthority("Catalog", "Revenue", "/panel/vendor/revenue",
					OrganisationType.VENDOR.authority(), 220);
		}

		@Bean
		NavigationItem resellerRevenueLink() {
			return NavigationItem.forAuthority("Storefront", "Revenue", "/panel/reseller/revenue",
					OrganisationType.RESELLER.authority(), 320);
		}
	}
}
