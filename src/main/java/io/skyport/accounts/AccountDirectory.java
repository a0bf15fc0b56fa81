package io.skyport.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.InvalidInputException;

/**
 * Builds the {@link CurrentUser} principal of a user, and answers other modules' look-ups.
 */
@Component
class AccountDirectory implements Accounts {

	private final Organisations organisations;
	private final Users users;
	private final SshKeys sshKeys;

	AccountDirectory(Organisations organisations, Users users, SshKeys sshKeys) {
		this.organisations = organisations;
		this.users = users;
		this.sshKeys = sshKeys;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AuthorizedKey> authorizedKeys(OrganisationId organisationId, List<SshKeyId> ids) {
		Map<UUID, SshKey> found = sshKeys
			.findOrganisationKeys(organisationId.id(), ids.stream().map(SshKeyId::id).toList())
			.stream()
			.collect(Collectors.toMap(key -> key.id().id(), key -> key));
		List<AuthorizedKey> keys = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			SshKey key = found.get(ids.get(i).id());
			if (key == null) {
				throw InvalidInputException.of("sshKeyIds",
						"There is no SSH key " + ids.get(i) + " in your account (item " + (i + 1) + ").");
			}
			keys.add(authorizedKey(key));
		}
		return keys;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AuthorizedKey> sshKeys(UserId userId) {
		return sshKeys.findByUserIdOrderByCreatedAt(userId.id()).stream().map(AccountDirectory::authorizedKey).toList();
	}

	private static AuthorizedKey authorizedKey(SshKey key) {
		return new AuthorizedKey(key.id(), key.name(), key.fingerprint(),
				key.publicKey() + " " + key.name().replaceAll("\\s+", "-"));
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

	@Override
	@Transactional(readOnly = true)
	public List<CurrentUser> members(OrganisationId organisationId) {
		return users.findByOrganisationIdOrderByCreatedAt(organisationId.id()).stream().map(this::currentUser).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<OrganisationId> organisations(OrganisationType type) {
		return organisations.findByTypeOrderByCreatedAt(type).stream().map(Organisation::id).toList();
	}

	@Transactional(readOnly = true)
	CurrentUser currentUser(User user) {
		Organisation organisation = organisations.findById(user.organisationId().id())
			.orElseThrow(() -> new IllegalStateException("User " + user.id() + " has no organisation"));
		return new CurrentUser(user.id(), organisation.id(), organisation.type(), organisation.name(), user.role(),
				user.email(), user.name());
	}
}
