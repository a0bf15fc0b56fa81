package io.skyport.platform.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The friendly error pages: {@code error/404}, {@code error/403}, and {@code error/generic} for everything else.
 */
public final class ErrorPages {

	private ErrorPages() {
	}

	/**
	 * @param message a message meant for the person looking at the page, or {@literal null} for the default text.
	 */
	public static ModelAndView view(HttpStatus status, @Nullable String message) {
		String name = switch (status) {
			case NOT_FOUND -> "error/404";
			case FORBIDDEN -> "error/403";
			case SERVICE_UNAVAILABLE -> "error/generic";
			default -> status.is5xxServerError() ? "error/500" : "error/generic";
		};
		ModelAndView page = new ModelAndView(name, Map.of("status", status.value(), "reason", status.getReasonPhrase()),
				status);
		if (message != null) {
			page.addObject("message", message);
		}
		return page;
	}
}
