package io.skyport.platform.web;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

import io.skyport.platform.errors.BusyException;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Domain errors a page controller did not turn into form errors itself become friendly error pages.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(PageErrorHandler.class);

	private final String uploadTooLarge;

	PageErrorHandler(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize) {
		this.uploadTooLarge = BrokenUploads.tooLarge(maxFileSize, maxRequestSize);
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	ModelAndView notFound(Exception ex) {
		return ErrorPages.view(HttpStatus.NOT_FOUND, null);
	}

	@ExceptionHandler({ ForbiddenException.class })
	ModelAndView forbidden(ForbiddenException ex) {
		return ErrorPages.view(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView accessDenied(AccessDeniedException ex) {
		return ErrorPages.view(HttpStatus.FORBIDDEN, null);
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex) {
		return ErrorPages.view(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(BusyException.class)
	ModelAndView busy(BusyException ex) {
		return ErrorPages.view(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException ex) {
		return ErrorPages.view(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** The error page must not read the parameters of an upload Tomcat could not parse: that fails again. */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	void uploadTooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		RequestParameterGuard.forwardToErrorPage(request, response, HttpStatus.CONTENT_TOO_LARGE, uploadTooLarge);
	}

	@ExceptionHandler(MultipartException.class)
	void unreadableUpload(MultipartException ex, HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		RequestParameterGuard.forwardToErrorPage(request, response, HttpStatus.BAD_REQUEST,
				BrokenUploads.unreadable(request).getFirst().message());
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse response && !response.getStatusCode().is5xxServerError()) {
			return ErrorPages.view(HttpStatus.valueOf(response.getStatusCode().value()), null);
		}
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {} {}", reference, request.getMethod(), request.getRequestURI(), ex);
		ModelAndView page = ErrorPages.view(HttpStatus.INTERNAL_SERVER_ERROR, null);
		page.addObject("reference", reference);
		return page;
	}
}
