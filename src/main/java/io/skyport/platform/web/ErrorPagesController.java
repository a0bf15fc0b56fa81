package io.skyport.platform.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that reach the servlet container (no such route, a filter refusing, an exception outside a controller):
 * a problem document for API paths, a friendly page for people.
 */
@Controller
class ErrorPagesController implements ErrorController {

	private final ProblemWriter problems;

	ErrorPagesController(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("/error")
	ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = statusOf(request);
		String detail = request.getAttribute(RequestParameterGuard.ERROR_DETAIL) instanceof String guard ? guard : null;
		if (Problems.isApiRequest(request)) {
			problems.write(request, response, status, detail != null ? detail : detailFor(status));
			return null;
		}
		response.setStatus(status.value());
		return ErrorPages.view(status, detail);
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detailFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case METHOD_NOT_ALLOWED -> "This address does not accept that HTTP method.";
			case UNAUTHORIZED -> "Authenticate with an API token: Authorization: Bearer <token>.";
			case FORBIDDEN -> "Your account is not allowed to do this.";
			case INTERNAL_SERVER_ERROR -> "Something went wrong on our side; it has been logged.";
			default -> status.getReasonPhrase() + ".";
		};
	}
}
