package io.skyport.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.text.StorableText;

/**
 * Refuses request parameters no endpoint can use before anything reads them (the CSRF filter, a controller):
 * malformed percent-encoding ({@code %ZZ}) and text {@link StorableText} refuses ({@code %00}). The answer is a 400
 * naming the parameter — a problem document for the API, the error page for people. Multipart bodies are left to
 * Spring MVC, which knows the parts the endpoint expects.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestParameterGuard extends OncePerRequestFilter {

	/** Request attribute carrying a message for the error page the guard sends people to. */
	static final String ERROR_DETAIL = RequestParameterGuard.class.getName() + ".detail";

	private final ProblemWriter problems;

	RequestParameterGuard(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Violation violation = queryViolation(request.getQueryString());
		if (violation == null && !isMultipart(request)) {
			violation = parameterViolation(request);
		}
		if (violation == null) {
			chain.doFilter(request, response);
		}
		else if (Problems.isApiRequest(request)) {
			problems.writeInvalid(request, response, List.of(violation));
		}
		else {
			forwardToErrorPage(request, response, HttpStatus.BAD_REQUEST, violation.message());
		}
	}

	/**
	 * Renders the error page for people from a request without parameters: templates read them too (the search box),
	 * and reading broken ones — or those of a multipart body that cannot be parsed — fails again while rendering.
	 */
	static void forwardToErrorPage(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) throws ServletException, IOException {
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
		request.setAttribute(ERROR_DETAIL, detail);
		response.setStatus(status.value());
		request.getRequestDispatcher("/error").forward(new WithoutParameters(request), response);
	}

	/** Decodes the query string strictly, so the parameter with the broken encoding can be named. */
	private static @Nullable Violation queryViolation(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String rawName = equals < 0 ? pair : pair.substring(0, equals);
			String name = decodeOrNull(rawName);
			if (name == null) {
				return new Violation(printable(rawName), "The name of query parameter '" + printable(rawName)
						+ "' is not valid URL encoding of UTF-8 text: '%' must be followed by two hexadecimal digits.");
			}
			String value = equals < 0 ? "" : decodeOrNull(pair.substring(equals + 1));
			if (value == null) {
				return new Violation(printable(name), "Query parameter '" + printable(name)
						+ "' is not valid URL encoding of UTF-8 text: '%' must be followed by two hexadecimal digits.");
			}
			Violation text = textViolation("Query parameter", name, value);
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	/** Form fields of the body (and the query again, as the container merges them). */
	private static @Nullable Violation parameterViolation(HttpServletRequest request) {
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			return new Violation("body", "The form data is not valid URL encoding: '%' must be followed by two "
					+ "hexadecimal digits.");
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			for (String value : parameter.getValue()) {
				Violation text = textViolation("Field", parameter.getKey(), value);
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	private static @Nullable Violation textViolation(String kind, String name, @Nullable String value) {
		String nameDefect = StorableText.defect(name);
		if (nameDefect != null) {
			return new Violation(printable(name), "The name of a parameter " + nameDefect + ".");
		}
		String defect = value == null ? null : StorableText.defect(value);
		return defect == null ? null : new Violation(name, kind + " '" + name + "' " + defect + ".");
	}

	/**
	 * Percent-decodes as UTF-8, strictly: {@literal null} for a '%' without two hexadecimal digits and for bytes that
	 * are not UTF-8 ({@code %C3%28}, an encoded surrogate {@code %ED%A0%80}), which Tomcat refuses later, when a
	 * controller reads the parameter.
	 */
	private static @Nullable String decodeOrNull(String encoded) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
		int plain = 0;
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c != '%' && c != '+') {
				continue;
			}
			bytes.writeBytes(encoded.substring(plain, i).getBytes(StandardCharsets.UTF_8));
			if (c == '+') {
				bytes.write(' ');
			}
			else {
				int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
				int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
				if (low < 0) {
					return null;
				}
				bytes.write(high << 4 | low);
				i += 2;
			}
			plain = i + 1;
		}
		bytes.writeBytes(encoded.substring(plain).getBytes(StandardCharsets.UTF_8));
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/** A name safe to echo: control characters and lone surrogates replaced, at most 100 characters. */
	private static String printable(String name) {
		StringBuilder safe = new StringBuilder();
		name.codePoints().limit(100).forEach(c -> safe.appendCodePoint(
				Character.isISOControl(c) || Character.isSurrogate((char) c) && Character.isBmpCodePoint(c) ? '?' : c));
		return safe.toString();
	}

	private static final class WithoutParameters extends HttpServletRequestWrapper {

		WithoutParameters(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getQueryString() {
			return null;
		}

		@Override
		public @Nullable String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return null;
		}
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
	}
}
