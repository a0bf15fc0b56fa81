package io.skyport.compute.images;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Images extends ListCrudRepository<Image, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	Image saveAndFlush(Image image);

	List<Image> findAllByOrderByNameAsc();

	List<Image> findByStatusOrderByNameAsc(Image.Status status);

	boolean existsByNameIgnoreCase(String name);

	boolean existsByNameIgnoreCaseAndIdNot(String name, UUID id);
}
