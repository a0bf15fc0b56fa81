package io.skyport.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ApiTokens extends ListCrudRepository<ApiToken, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	ApiToken saveAndFlush(ApiToken entity);

	Optional<ApiToken> findByTokenHash(byte[] tokenHash);

	List<ApiToken> findByUserIdOrderByCreatedAt(UUID userId);

	Optional<ApiToken> findByIdAndUserId(UUID id, UUID userId);

	boolean existsByUserIdAndName(UUID userId, String name);

	long countByUserId(UUID userId);
}
