package io.skyport.accounts;

import java.util.Optional;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks an e-mail address and password, with throttling, for the sign-in form and for token creation.
 */
@Service
class SignIn {

	static final String WRONG_CREDENTIALS = "E-mail address or password is incorrect.";

	private final Users users;
	private final SignupRequests signupRequests;
	private final AccountDirectory directory;
	private final PasswordEncoder passwords;
	private final LoginThrottle throttle;
	private final String dummyHash;

	SignIn(Users users, SignupRequests signupRequests, AccountDirectory directory, PasswordEncoder passwords,
			LoginThrottle throttle) {
		this.users = users;
		this.signupRequests = signupRequests;
		this.directory = directory;
		this.passwords = passwords;
		this.throttle = throttle;
		this.dummyHash = passwords.encode("not-a-real-password-used-for-timing");
	}

	/**
	 * @throws org.springframework.security.authentication.LockedException after too many failures.
	 * @throws DisabledException for a vendor or reseller whose request is not (or not yet) approved.
	 * @throws BadCredentialsException for an unknown address or a wrong password (the same message for both).
	 */
	@Transactional
	CurrentUser authenticate(String email, String password) {
		throttle.checkNotLocked(email);
		String normalised = EmailAddress.normalise(email);
		Optional<User> user = users.findByEmail(normalised);
		if (user.isPresent() && passwords.matches(password, user.get().passwordHash())) {
			if (passwords.upgradeEncoding(user.get().passwordHash())) {
				user.get().upgradePasswordHash(passwords.encode(password));
			}
			throttle.recordSuccess(normalised);
			return directory.currentUser(user.get());
		}
		if (user.isEmpty()) {
			refuseUndecidedPartner(normalised, password);
			passwords.matches(password, dummyHash);
		}
		throttle.recordFailure(normalised);
		throw new BadCredentialsException(WRONG_CREDENTIALS);
	}

	private void refuseUndecidedPartner(String email, String password) {
		Optional<SignupRequest> pending = signupRequests.findByEmailAndStatus(email, SignupRequest.Status.PENDING);
		if (pending.isPresent() && passwords.matches(password, pending.get().passwordHash())) {
			throw new DisabledException("Your " + pending.get().organisationType().label().toLowerCase()
					+ " account request is waiting for an operator's approval. You can sign in once it is approved.");
		}
		Optional<SignupRequest> rejected = signupRequests
			.findFirstByEmailAndStatusOrderByDecidedAtDesc(email, SignupRequest.Status.REJECTED);
		if (rejected.isPresent() && passwords.matches(password, rejected.get().passwordHash())) {
			throw new DisabledException("Your " + rejected.get().organisationType().label().toLowerCase()
					+ " account request was not approved: " + rejected.get().decisionReason());
		}
	}
}
