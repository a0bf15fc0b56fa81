package io.skyport.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Screenshots extends ListCrudRepository<Screenshot, UUID> {

	List<Screenshot> findByProductIdOrderByPosition(UUID productId);

	Optional<Screenshot> findByIdAndProductId(UUID id, UUID productId);

	long countByProductId(UUID productId);
}
