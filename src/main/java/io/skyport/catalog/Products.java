package io.skyport.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Products extends ListCrudRepository<Product, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	Product saveAndFlush(Product product);

	/** Writes pending changes now, so a constraint violation surfaces inside the caller's error handling. */
	void flush();

	Optional<Product> findBySlug(String slug);

	List<Product> findBySlugIn(Collection<String> slugs);

	boolean existsBySlug(String slug);

	boolean existsBySlugAndIdNot(String slug, UUID id);

	List<Product> findByVendorIdOrderByUpdatedAtDesc(UUID vendorId);

	List<Product> findAllByOrderByUpdatedAtDesc();
}
