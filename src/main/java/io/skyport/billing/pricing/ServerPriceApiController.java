package io.skyport.billing.pricing;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Hourly prices of direct servers (operators). A change applies from now on; hours used before keep their price.
 */
@RestController
@Tag(name = "Server prices")
class ServerPriceApiController {

	private final ServerPriceBook prices;

	ServerPriceApiController(ServerPriceBook prices) {
		this.prices = prices;
	}

	@GetMapping("/api/v1/admin/server-prices")
	@Operation(summary = "The hourly price of every server type and the rates for custom sizes (operators)")
	ServerPriceBook.PriceList list() {
		return prices.list();
	}

	@PutMapping("/api/v1/admin/server-prices/types/{serverType}")
	@Operation(summary = "Set a server type's hourly price from now on (operators)")
	ServerPriceBook.TypePrice setTypePrice(@AuthenticationPrincipal CurrentUser operator,
			@PathVariable String serverType, @RequestBody ServerPriceBook.TypePriceForm form) {
		return prices.setTypePrice(operator, serverType, form);
	}

	@PutMapping("/api/v1/admin/server-prices/custom")
	@Operation(summary = "Set the rates per vCPU-hour, GiB-RAM-hour and GiB-disk-hour for custom sizes (operators)")
	ServerPriceBook.CustomRates setCustomRates(@AuthenticationPrincipal CurrentUser operator,
			@RequestBody ServerPriceBook.CustomRatesForm form) {
		return prices.setCustomRates(operator, form);
	}
}
