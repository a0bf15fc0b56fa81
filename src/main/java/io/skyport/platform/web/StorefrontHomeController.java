package io.skyport.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public front page of the storefront.
 */
@Controller
class StorefrontHomeController {

	@GetMapping("/")
	String home() {
		return "storefront/home";
	}
}
