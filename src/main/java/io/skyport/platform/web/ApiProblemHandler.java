package io.skyport.platform.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of a REST controller into an RFC 9457 problem document with a message a person understands;
 * validation failures carry {@code errors: [{field, message}]}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	private final String uploadTooLarge;

	ApiProblemHandler(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize) {
		this.uploadTooLarge = BrokenUploads.tooLarge(maxFileSize, maxRequestSize);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), request);
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ProblemDetail> conflict(ConflictException ex, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), request);
	}

	@ExceptionHandler(ForbiddenException.class)
	ResponseEntity<ProblemDetail> forbidden(ForbiddenException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage(), request);
	}

	@ExceptionHandler(BusyException.class)
	ResponseEntity<ProblemDetail> busy(BusyException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter().toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), request));
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex, HttpServletRequest request) {
		return invalid(ex.violations(), request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, "Your account is not allowed to do this.", request);
	}

	@ExceptionHandler(LockedException.class)
	ResponseEntity<ProblemDetail> locked(LockedException ex, HttpServletRequest request) {
		return problem(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage(), request);
	}

	@ExceptionHandler(DisabledException.class)
	ResponseEntity<ProblemDetail> disabled(DisabledException ex, HttpServletRequest request) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage(), request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		return problem(HttpStatus.UNAUTHORIZED, ex.getMessage(), request);
	}

	/** Multipart bodies are parsed lazily, when the endpoint reads its parts: so the answer can name them. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> unreadableUpload(MultipartException ex, HttpServletRequest request) {
		return invalid(BrokenUploads.unreadable(request), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return invalid(List.of(new Violation(ex.getName(), "'" + ex.getValue() + "' is not a valid " + ex.getName() + ".")),
				request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. The error was logged with reference " + reference + ".", request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Violation> violations = ex.getBindingResult().getAllErrors().stream()
			.map(error -> new Violation(error instanceof FieldError field ? field.getField() : error.getObjectName(),
					String.valueOf(error.getDefaultMessage())))
			.toList();
		return widen(invalid(violations, servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Violation> violations = ex.getParameterValidationResults().stream()
			.flatMap(result -> result.getResolvableErrors().stream()
				.map(error -> new Violation(result.getMethodParameter().getParameterName(),
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		return widen(invalid(violations, servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return widen(invalid(List.of(unreadable(ex)), servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return widen(problem(HttpStatus.CONTENT_TOO_LARGE, uploadTooLarge, servletRequest(request)));
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			HttpStatus status = HttpStatus.valueOf(statusCode.value());
			if (problem.getTitle() == null) {
				problem.setTitle(status.getReasonPhrase());
			}
			// The headers of an ErrorResponse exception (e.g. MissingPathVariableException) are read-only.
			HttpHeaders writable = HttpHeaders.copyOf(headers);
			writable.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return new ResponseEntity<>(body, writable, statusCode);
		}
		return new ResponseEntity<>(body, headers, statusCode);
	}

	private static Violation unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new Violation(unknown.getPropertyName(), "Unknown field '" + unknown.getPropertyName() + "'.");
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			String field = jackson.getPath().stream()
				.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			return new Violation(field, switch (cause) {
				case JsonInputConfiguration.UnstorableTextException text -> "Field '" + field + "' " + text.defect() + ".";
				case InvalidNullException nulls -> "Field '" + field + "' must not be null.";
				default -> "Field '" + field + "' has a value of the wrong type or format.";
			});
		}
		if (cause instanceof JacksonException) {
			return new Violation("body", "The request body is not valid JSON.");
		}
		return new Violation("body", "The request body is missing or unreadable; send a JSON document.");
	}

	private static ResponseEntity<ProblemDetail> invalid(List<Violation> violations, HttpServletRequest request) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.invalid(violations, request));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(status, detail, request));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

	private static HttpServletRequest servletRequest(WebRequest request) {
		return ((org.springframework.web.context.request.ServletWebRequest) request).getRequest();
	}
}
