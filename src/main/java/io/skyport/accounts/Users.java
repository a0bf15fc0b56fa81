package io.skyport.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Users extends ListCrudRepository<User, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	User saveAndFlush(User entity);

	/** @param email must be normalised (see {@link EmailAddress}). */
	Optional<User> findByEmail(String email);

	boolean existsByEmail(String email);

	List<User> findByOrganisationIdOrderByCreatedAt(UUID organisationId);
}
