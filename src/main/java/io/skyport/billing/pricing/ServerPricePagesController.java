package io.skyport.billing.pricing;

import java.math.BigDecimal;

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
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's page of hourly server prices: one small form per server type, one for the custom-size rates.
 */
@Controller
class ServerPricePagesController {

	private final ServerPriceBook prices;

	ServerPricePagesController(ServerPriceBook prices) {
		this.prices = prices;
	}

	@GetMapping("/panel/admin/server-prices")
	String page(Model model) {
		return page(model, null, FormErrors.none());
	}

	@PostMapping("/panel/admin/server-prices/types")
	String setTypePrice(@AuthenticationPrincipal CurrentUser operator, @RequestParam(required = false) String serverType,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String hourly, Model model, RedirectAttributes redirect) {
		try {
			prices.setTypePrice(operator, serverType == null ? "" : serverType,
					new ServerPriceBook.TypePriceForm(currency, decimal("hourly", hourly)));
			redirect.addFlashAttribute("notice", "Saved the price of " + serverType + ".");
			return "redirect:/panel/admin/server-prices";
		}
		catch (InvalidInputException ex) {
			return page(model, serverType, FormErrors.of(ex));
		}
		catch (NotFoundException ex) {
			return page(model, serverType, FormErrors.of("serverType", ex.getMessage()));
		}
	}

	@PostMapping("/panel/admin/server-prices/custom")
	String setCustomRates(@AuthenticationPrincipal CurrentUser operator,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String vcpuHour,
			@RequestParam(required = false) @Nullable String gibRamHour,
			@RequestParam(required = false) @Nullable String gibDiskHour, Model model, RedirectAttributes redirect) {
		try {
			prices.setCustomRates(operator, new ServerPriceBook.CustomRatesForm(currency, decimal("vcpuHour", vcpuHour),
					decimal("gibRamHour", gibRamHour), decimal("gibDiskHour", gibDiskHour)));
			redirect.addFlashAttribute("notice", "Saved the rates for custom sizes.");
			return "redirect:/panel/admin/server-prices";
		}
		catch (InvalidInputException ex) {
			return page(model, "custom", FormErrors.of(ex));
		}
	}

	private String page(Model model, @Nullable String failedForm, FormErrors errors) {
		model.addAttribute("prices", prices.list());
		model.addAttribute("failedForm", failedForm);
		model.addAttribute("errors", errors);
		return "billing/admin-server-prices";
	}

	private static @Nullable BigDecimal decimal(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw InvalidInputException.of(field, "'" + value + "' is not a number.");
		}
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Links {

		@org.springframework.context.annotation.Bean
		io.skyport.platform.web.NavigationItem serverPricesLink() {
			return io.skyport.platform.web.NavigationItem.forAuthority("Administration", "Server prices",
					"/panel/admin/server-prices", "ROLE_OPERATOR", 1026);
		}
	}
}
