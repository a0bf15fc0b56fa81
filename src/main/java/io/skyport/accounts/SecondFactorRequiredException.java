package io.skyport.accounts;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right, but the account also needs a code from its authenticator app: nothing is signed in yet.
 */
class SecondFactorRequiredException extends AuthenticationException {

	private final transient UserId userId;
	private final String email;

	SecondFactorRequiredException(UserId userId, String email) {
		super("Enter the code from your authenticator app.");
		this.userId = userId;
		this.email = email;
	}

	UserId userId() {
		return userId;
	}

	String email() {
		return email;
	}
}
