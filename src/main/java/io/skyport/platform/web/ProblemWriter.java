package io.skyport.platform.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import io.skyport.platform.errors.InvalidInputException.Violation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem document outside Spring MVC (security filters, the error controller).
 */
@Component
public class ProblemWriter {

	private final JsonMapper json;

	ProblemWriter(JsonMapper json) {
		this.json = json;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		write(response, Problems.of(status, detail, request));
	}

	/** A 400 naming each field, as the API's controllers answer invalid input. */
	public void writeInvalid(HttpServletRequest request, HttpServletResponse response, List<Violation> violations)
			throws IOException {
		write(response, Problems.invalid(violations, request));
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}
}
