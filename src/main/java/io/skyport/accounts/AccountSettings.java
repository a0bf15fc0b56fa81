package io.skyport.accounts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * A signed-in user's own profile: name and password.
 */
@Service
class AccountSettings {

	private final Users users;
	private final PasswordEncoder passwords;
	private final PasswordPolicy policy;
	private final AccountDirectory directory;
	private final Clock clock;

	AccountSettings(Users users, PasswordEncoder passwords, PasswordPolicy policy, AccountDirectory directory, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.directory = directory;
		this.clock = clock;
	}

	@Transactional
	CurrentUser rename(UserId userId, String name) {
		String trimmed = Registration.PERSON_NAME.require(name);
		User user = user(userId);
		user.rename(trimmed);
		return directory.currentUser(users.save(user));
	}

	@Transactional
	void changePassword(UserId userId, String currentPassword, String newPassword) {
		User user = user(userId);
		List<Violation> violations = new ArrayList<>();
		if (!passwords.matches(currentPassword, user.passwordHash())) {
			violations.add(new Violation("currentPassword", "Your current password is not correct."));
		}
		violations.addAll(policy.check("newPassword", newPassword, user.email()));
		if (passwords.matches(newPassword, user.passwordHash())) {
			violations.add(new Violation("newPassword", "Choose a password different from your current one."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		user.changePassword(passwords.encode(newPassword), clock.instant());
		users.save(user);
	}

	private User user(UserId userId) {
		return users.findById(userId.id()).orElseThrow(() -> NotFoundException.of("user", userId));
	}
}
