package io.skyport.marketplace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Storefronts extends ListCrudRepository<Storefront, UUID> {

	/** Saves and flushes at once, so a taken slug or domain surfaces here rather than at commit. */
	Storefront saveAndFlush(Storefront storefront);

	Optional<Storefront> findByResellerId(UUID resellerId);

	Optional<Storefront> findBySlug(String slug);

	Optional<Storefront> findByCustomDomain(String domain);

	boolean existsBySlugAndIdNot(String slug, UUID id);

	boolean existsByCustomDomainAndIdNot(String domain, UUID id);

	List<Storefront> findAllByOrderBySlug();
}
