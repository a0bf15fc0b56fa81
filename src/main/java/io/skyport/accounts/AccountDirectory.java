package io.skyport.accounts;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the {@link CurrentUser} principal of a user, and answers other modules' look-ups.
 */
@Component
class AccountDirectory implements Accounts {

	private final Organisations organisations;
	private final Users users;

	AccountDirectory(Organisations organisations, Users users) {
		this.organisations = organisations;
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CurrentUser> findUserByEmail(String email) {
		return users.findByEmail(EmailAddress.normalise(email)).map(this::currentUser);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CurrentUser> findUser(UserId id) {
		return users.findById(id.id()).map(this::currentUser);
	}

	@Transactional(readOnly = true)
	CurrentUser currentUser(User user) {
		Organisation organisation = organisations.findById(user.organisationId().id())
			.orElseThrow(() -> new IllegalStateException("User " + user.id() + " has no organisation"));
		return new CurrentUser(user.id(), organisation.id(), organisation.type(), organisation.name(), user.role(),
				user.email(), user.name());
	}
}
