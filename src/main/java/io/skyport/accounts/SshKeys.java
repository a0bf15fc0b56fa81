package io.skyport.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface SshKeys extends ListCrudRepository<SshKey, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	SshKey saveAndFlush(SshKey entity);

	List<SshKey> findByUserIdOrderByCreatedAt(UUID userId);

	Optional<SshKey> findByIdAndUserId(UUID id, UUID userId);

	Optional<SshKey> findByUserIdAndFingerprint(UUID userId, String fingerprint);

	long countByUserId(UUID userId);
}
