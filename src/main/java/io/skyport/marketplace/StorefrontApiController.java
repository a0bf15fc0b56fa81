package io.skyport.marketplace;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A reseller's storefront settings over the API.
 */
@RestController
@Tag(name = "Reseller storefront")
class StorefrontApiController {

	private final StorefrontService storefronts;

	StorefrontApiController(StorefrontService storefronts) {
		this.storefronts = storefronts;
	}

	@GetMapping("/api/v1/reseller/storefront")
	@Operation(summary = "Your storefront's settings (404 until you create it)")
	StorefrontService.StorefrontView get(@AuthenticationPrincipal CurrentUser reseller) {
		return storefronts.mine(reseller)
			.orElseThrow(() -> new NotFoundException("You have no storefront yet: PUT its settings to create it."));
	}

	@PutMapping("/api/v1/reseller/storefront")
	@Operation(summary = "Create or change your storefront: slug (/m/<slug>), name, tagline, primaryColour, accentColour "
			+ "(#rrggbb), customDomain, markupPercent (0–500) and categoryMarkups {category: percent}")
	StorefrontService.StorefrontView put(@AuthenticationPrincipal CurrentUser reseller,
			@RequestBody StorefrontService.StorefrontForm form) {
		return storefronts.configure(reseller, form);
	}
}
