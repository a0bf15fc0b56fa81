package io.skyport.accounts;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

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
	static final String CODE_NEEDED = "This account signs in in two steps: also send totpCode, the current code of "
			+ "your authenticator app (or one of your recovery codes).";
	static final String WRONG_CODE = "That code is not right or was already used. Enter the current code of your "
			+ "authenticator app or an unused recovery code.";

	private final Users users;
	private final SignupRequests signupRequests;
	private final AccountDirectory directory;
	private final PasswordEncoder passwords;
	private final LoginThrottle throttle;
	private final SecondFactors secondFactors;
	private final SecondFactorPolicy policy;
	private final String dummyHash;

	SignIn(Users users, SignupRequests signupRequests, AccountDirectory directory, PasswordEncoder passwords,
			LoginThrottle throttle, SecondFactors secondFactors, SecondFactorPolicy policy) {
		this.users = users;
		this.signupRequests = signupRequests;
		this.directory = directory;
		this.passwords = passwords;
		this.throttle = throttle;
		this.secondFactors = secondFactors;
		this.policy = policy;
		this.dummyHash = passwords.encode("not-a-real-password-used-for-timing");
	}

	/**
	 * @throws org.springframework.security.authentication.LockedException after too many failures.
	 * @throws DisabledException for a vendor or reseller whose request is not (or not yet) approved, and for an
	 *         operator whose second factor is a passkey while operators must use one ({@link SecondFactorPolicy}).
	 * @throws BadCredentialsException for an unknown address or a wrong password (the same message for both).
	 * @throws SecondFactorRequiredException when the password is right but the account has an authenticator app:
	 *         nothing is signed in and the failure count is not reset until {@link #completeSecondFactor} succeeds.
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
			if (secondFactors.totpEnabled(user.get().id())) {
				throw new SecondFactorRequiredException(user.get().id(), normalised);
			}
			CurrentUser current = directory.currentUser(user.get());
			if (policy.refusesPasswordAlone(current)) {
				throw new DisabledException(SecondFactorPolicy.PASSKEY_REQUIRED);
			}
			throttle.recordSuccess(normalised);
			return current;
		}
		if (user.isEmpty()) {
			refuseUndecidedPartner(normalised, password);
			passwords.matches(password, dummyHash);
		}
		throttle.recordFailure(normalised);
		throw new BadCredentialsException(WRONG_CREDENTIALS);
	}

	/**
	 * Both steps at once, for API token creation: a missing or wrong code counts as a failed sign-in.
	 *
	 * @throws BadCredentialsException saying a code is needed, or that it is wrong.
	 */
	@Transactional
	CurrentUser authenticate(String email, String password, @Nullable String code) {
		try {
			return authenticate(email, password);
		}
		catch (SecondFactorRequiredException required) {
			if (code == null || code.isBlank()) {
				throttle.recordFailure(required.email());
				throw new BadCredentialsException(CODE_NEEDED);
			}
			return completeSecondFactor(required.userId(), required.email(), code);
		}
	}

	/**
	 * The second step, after the password was right: a current TOTP code or an unused recovery code.
	 *
	 * @throws org.springframework.security.authentication.LockedException after too many failures.
	 * @throws BadCredentialsException for a wrong or reused code (counted as a failure).
	 */
	@Transactional
	CurrentUser completeSecondFactor(UserId userId, String email, String code) {
		throttle.checkNotLocked(email);
		if (!secondFactors.verifySignInCode(userId, code)) {
			throttle.recordFailure(email);
			throw new BadCredentialsException(WRONG_CODE);
		}
		throttle.recordSuccess(email);
		return directory.currentUser(users.findById(userId.id()).orElseThrow(() -> new BadCredentialsException(WRONG_CODE)));
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
