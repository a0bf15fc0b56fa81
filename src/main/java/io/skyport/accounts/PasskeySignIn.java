package io.skyport.accounts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.WebAuthnConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in with a passkey (POST {@code /login/webauthn}): Spring Security's relying party verifies the assertion, and
 * the principal becomes the user's {@link CurrentUser} like after a password, with the WebAuthn factor authority.
 * A passkey with user verification counts as both factors, so no code is asked for.
 */
@Component
class PasskeySignIn {

	static final String NOT_RECOGNISED = "That passkey was not accepted. Use a passkey you registered with Skyport, "
			+ "or sign in with your e-mail address and password.";

	private final WebAuthnRelyingPartyOperations relyingParty;
	private final AccountDirectory directory;

	PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, AccountDirectory directory) {
		this.relyingParty = relyingParty;
		this.directory = directory;
	}

	/**
	 * Spring Security's WebAuthn endpoints with Skyport's pages (no generated ones), this sign-in, a new session ID on
	 * sign-in, and the panel (or the page that asked for sign-in) as where to go next.
	 */
	void configure(HttpSecurity http, WebAuthnConfigurer<HttpSecurity> webAuthn) {
		// Spring's configurer insists on a UserDetailsService for its own provider, which authenticationManager() replaces.
		http.setSharedObject(UserDetailsService.class, username -> {
			throw new UsernameNotFoundException("Passkeys are verified by PasskeySignIn");
		});
		http.addFilterBefore(new PasskeyRegistrationErrors(), AuthorizationFilter.class);
		webAuthn.disableDefaultRegistrationPage(true)
			.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {

				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationManager(authenticationManager());
					filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
					filter.setAuthenticationSuccessHandler(PasskeySignIn::signedIn);
					return filter;
				}
			});
	}

	private static void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		RequestCache cache = new HttpSessionRequestCache();
		SavedRequest saved = cache.getRequest(request, response);
		cache.removeRequest(request, response);
		String target = saved == null ? request.getContextPath() + "/panel" : saved.getRedirectUrl();
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(JsonMapper.shared().writeValueAsString(Map.of("authenticated", true, "redirectUrl", target)));
	}

	private AuthenticationManager authenticationManager() {
		return new ProviderManager(new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				return PasskeySignIn.this.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
			}
		});
	}

	private Authentication authenticate(Authentication authentication) {
		PublicKeyCredentialUserEntity entity;
		try {
			entity = relyingParty.authenticate(((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest());
		}
		catch (RuntimeException ex) {
			throw new BadCredentialsException(NOT_RECOGNISED, ex);
		}
		CurrentUser user = directory.findUserByEmail(entity.getName())
			.orElseThrow(() -> new BadCredentialsException(NOT_RECOGNISED));
		List<GrantedAuthority> authorities = new ArrayList<>(user.authorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}
}
