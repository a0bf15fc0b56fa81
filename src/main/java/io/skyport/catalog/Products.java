package io.skyport.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Products extends ListCrudRepository<Product, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	Product saveAndFlush(Product product);

	Optional<Product> findBySlug(String slug);

	boolean existsBySlug(String slug);

	boolean existsBySlugAndIdNot(String slug, UUID id);

	List<Product> findByVendorIdOrderByUpdatedAtDesc(UUID vendorId);

	List<Product> findAllByOrderByUpdatedAtDesc();
}
