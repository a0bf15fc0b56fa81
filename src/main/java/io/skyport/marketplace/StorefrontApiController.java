package io.skyport.marketplace;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
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

	@PostMapping(path = "/api/v1/reseller/storefront/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload your storefront's logo: multipart file, PNG/JPEG/WebP, at most 5 MB")
	StorefrontService.StorefrontView logo(@AuthenticationPrincipal CurrentUser reseller,
			@RequestParam(required = false) @Nullable MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw InvalidInputException.of("file", "Choose an image file to upload (multipart field 'file').");
		}
		return storefronts.uploadLogo(reseller, file.getBytes());
	}

	@PutMapping("/api/v1/reseller/storefront")
	@Operation(summary = "Create or change your storefront: slug (/m/<slug>), name, tagline, primaryColour, accentColour "
			+ "(#rrggbb), customDomain, markupPercent (0–500) and categoryMarkups {category: percent}")
	StorefrontService.StorefrontView put(@AuthenticationPrincipal CurrentUser reseller,
			@RequestBody StorefrontService.StorefrontForm form) {
		return storefronts.configure(reseller, form);
	}
}
