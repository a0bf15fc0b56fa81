package io.skyport.accounts;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The panel's two-step sign-in: when the password is right but the account has an authenticator app, the sign-in
 * form's failure handler remembers who it was in the session (for five minutes) and sends them to
 * {@code /login/code}; only a right code there signs them in. Nobody is authenticated in between.
 */
@Component
class TwoStepSignIn implements AuthenticationFailureHandler {

	static final String CODE_PAGE = "/login/code";
	static final String TOTP_AUTHORITY = "FACTOR_TOTP";
	private static final String PENDING = TwoStepSignIn.class.getName() + ".PENDING";
	private static final Duration PENDING_FOR = Duration.ofMinutes(5);

	private final Clock clock;
	private final AuthenticationFailureHandler failures = new SimpleUrlAuthenticationFailureHandler("/login?error");
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
	private final RequestCache requests = new HttpSessionRequestCache();

	TwoStepSignIn(Clock clock) {
		this.clock = clock;
	}

	/** Who passed the password step; kept in the session until the code is right or it expires. */
	record Pending(UUID userId, String email, Instant expiresAt) implements Serializable {

		UserId user() {
			return new UserId(userId);
		}
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, jakarta.servlet.ServletException {
		if (exception instanceof SecondFactorRequiredException required) {
			request.getSession().setAttribute(PENDING,
					new Pending(required.userId().id(), required.email(), clock.instant().plus(PENDING_FOR)));
			response.sendRedirect(request.getContextPath() + CODE_PAGE);
			return;
		}
		failures.onAuthenticationFailure(request, response, exception);
	}

	Optional<Pending> pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
			return Optional.empty();
		}
		if (pending.expiresAt().isBefore(clock.instant())) {
			session.removeAttribute(PENDING);
			return Optional.empty();
		}
		return Optional.of(pending);
	}

	void forget(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PENDING);
		}
	}

	/**
	 * Signs the user in after both steps: a new session ID, the factors as authorities.
	 *
	 * @return where to go: the page that asked for sign-in, or the panel.
	 */
	String signIn(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
		forget(request);
		request.changeSessionId();
		List<GrantedAuthority> authorities = new ArrayList<>(user.authorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		authorities.add(FactorGrantedAuthority.fromAuthority(TOTP_AUTHORITY));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		SavedRequest saved = requests.getRequest(request, response);
		requests.removeRequest(request, response);
		return saved == null ? "/panel" : saved.getRedirectUrl();
	}
}
