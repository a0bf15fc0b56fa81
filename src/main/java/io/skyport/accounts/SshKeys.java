package io.skyport.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface SshKeys extends ListCrudRepository<SshKey, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	SshKey saveAndFlush(SshKey entity);

	List<SshKey> findByUserIdOrderByCreatedAt(UUID userId);

	Optional<SshKey> findByIdAndUserId(UUID id, UUID userId);

	Optional<SshKey> findByUserIdAndFingerprint(UUID userId, String fingerprint);

	long countByUserId(UUID userId);

	@Query("select k from SshKey k where k.id in :ids and k.userId in "
			+ "(select u.id from User u where u.organisationId = :organisationId)")
	List<SshKey> findOrganisationKeys(UUID organisationId, Collection<UUID> ids);
}
