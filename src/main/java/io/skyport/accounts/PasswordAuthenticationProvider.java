package io.skyport.accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Form sign-in through {@link SignIn}; the authenticated principal is a {@link CurrentUser}.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

	private final SignIn signIn;

	PasswordAuthenticationProvider(SignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		CurrentUser user = signIn.authenticate(authentication.getName(), credentials == null ? "" : credentials.toString());
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
