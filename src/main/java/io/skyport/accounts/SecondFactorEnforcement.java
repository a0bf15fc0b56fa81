package io.skyport.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While operators must have a second factor ({@link SecondFactorPolicy}), sends an operator without one from every
 * panel page to the sign-in security page, where they set one up. Not a bean: added to the pages' filter chain only.
 */
class SecondFactorEnforcement extends OncePerRequestFilter {

	static final String SECURITY_PAGE = "/panel/account/security";

	private final SecondFactorPolicy policy;

	SecondFactorEnforcement(SecondFactorPolicy policy) {
		this.policy = policy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if ((path.equals("/panel") || path.startsWith("/panel/")) && !path.equals(SECURITY_PAGE)
				&& !path.startsWith(SECURITY_PAGE + "/") && authentication != null
				&& authentication.getPrincipal() instanceof CurrentUser user && policy.mustEnrol(user)) {
			response.sendRedirect(request.getContextPath() + SECURITY_PAGE + "?required");
			return;
		}
		chain.doFilter(request, response);
	}
}
