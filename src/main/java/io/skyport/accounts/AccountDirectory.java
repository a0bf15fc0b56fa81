package io.skyport.accounts;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the {@link CurrentUser} principal of a user.
 */
@Component
class AccountDirectory {

	private final Organisations organisations;

	AccountDirectory(Organisations organisations) {
		this.organisations = organisations;
	}

	@Transactional(readOnly = true)
	CurrentUser currentUser(User user) {
		Organisation organisation = organisations.findById(user.organisationId().id())
			.orElseThrow(() -> new IllegalStateException("User " + user.id() + " has no organisation"));
		return new CurrentUser(user.id(), organisation.id(), organisation.type(), organisation.name(), user.role(),
				user.email(), user.name());
	}
}
