package io.skyport.marketplace;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.skyport.platform.errors.NotFoundException;

/**
 * Gives every page the theme of the storefront it is served for: a reseller's at {@code /m/<slug>/…} or on their
 * own domain, the operator's otherwise (sign-in and error pages on a reseller's domain wear its colours too).
 */
@ControllerAdvice(annotations = Controller.class)
class StorefrontThemeAdvice {

	static final String PREFIX = "/m/";

	private final StorefrontDirectory directory;

	StorefrontThemeAdvice(StorefrontDirectory directory) {
		this.directory = directory;
	}

	@ModelAttribute("theme")
	StorefrontTheme theme(HttpServletRequest request) {
		return resolve(request);
	}

	StorefrontTheme resolve(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith(PREFIX)) {
			int end = path.indexOf('/', PREFIX.length());
			String slug = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
			return directory.bySlug(slug).orElseThrow(() -> new NotFoundException("There is no storefront '" + slug + "'."));
		}
		return directory.byDomain(request.getServerName()).orElse(directory.operator());
	}
}
