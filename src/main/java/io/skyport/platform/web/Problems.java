package io.skyport.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.skyport.platform.errors.InvalidInputException.Violation;

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

	/** A 400 listing each violation as {@code errors: [{field, message}]}; the detail is the one message or a count. */
	public static ProblemDetail invalid(List<Violation> violations, HttpServletRequest request) {
		String detail = violations.size() == 1 ? violations.getFirst().message()
				: "The request has " + violations.size() + " problems.";
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, detail, request);
		problem.setProperty("errors",
				violations.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
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
