package io.skyport.accounts;

import java.util.Optional;

/**
 * Look-ups of users for other modules. Authorization stays with the caller: these methods return what exists.
 */
public interface Accounts {

	/** @param email any case and surrounding spaces. */
	Optional<CurrentUser> findUserByEmail(String email);

	Optional<CurrentUser> findUser(UserId id);
}
