package io.skyport.platform.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details the same way everywhere: title from the status, a human detail, the request path.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(pathOf(request)));
		return problem;
	}

	/** True for requests to the JSON API, which answer errors with problem details instead of pages. */
	public static boolean isApiRequest(HttpServletRequest request) {
		String path = pathOf(request);
		return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
	}

	static String pathOf(HttpServletRequest request) {
		Object original = request.getAttribute("jakarta.servlet.error.request_uri");
		String uri = original instanceof String s ? s : request.getRequestURI();
		return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
	}
}
