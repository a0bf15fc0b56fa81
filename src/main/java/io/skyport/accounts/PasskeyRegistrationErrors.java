package io.skyport.accounts;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's {@code WebAuthnRegistrationFilter} lets a refused attestation (wrong origin, replayed challenge,
 * a passkey registered twice) escape as an exception, which would be a 500. This turns it into 400
 * {@code {"success":false,"error":"…"}}, the shape of the filter's own answers. Not a bean: added to the pages' chain.
 */
class PasskeyRegistrationErrors extends OncePerRequestFilter {

	static final String REFUSED = "The passkey could not be added: the browser's answer was not accepted. Try again.";
	private static final Logger log = LoggerFactory.getLogger(PasskeyRegistrationErrors.class);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(HttpMethod.POST.matches(request.getMethod())
				&& request.getRequestURI().equals(request.getContextPath() + "/webauthn/register"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (AccessDeniedException | AuthenticationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			log.info("Passkey registration refused: {}", ex.getMessage());
			response.resetBuffer();
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write(JsonMapper.shared().writeValueAsString(Map.of("success", false, "error", REFUSED)));
		}
	}
}
