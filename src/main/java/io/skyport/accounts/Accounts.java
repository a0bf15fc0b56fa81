package io.skyport.accounts;

import java.util.List;
import java.util.Optional;

/**
 * Look-ups of users for other modules. Authorization stays with the caller: these methods return what exists.
 */
public interface Accounts {

	/** @param email any case and surrounding spaces. */
	Optional<CurrentUser> findUserByEmail(String email);

	Optional<CurrentUser> findUser(UserId id);

	/**
	 * The keys of an organisation's users with the given IDs, in the order asked.
	 *
	 * @throws io.skyport.platform.errors.InvalidInputException (field {@code sshKeyIds}) if an ID names no key of a
	 *         user of that organisation — the same answer whether the key is someone else's or does not exist.
	 */
	List<AuthorizedKey> authorizedKeys(OrganisationId organisationId, List<SshKeyId> ids);

	/** The users of an organisation, oldest first: who hears about its servers. */
	List<CurrentUser> members(OrganisationId organisationId);

	/** The organisations of a type, e.g. the operators who hear about the platform's alerts. */
	List<OrganisationId> organisations(OrganisationType type);

	/** A user's own keys, oldest first: what an order form offers to put on the server. */
	List<AuthorizedKey> sshKeys(UserId userId);
}
