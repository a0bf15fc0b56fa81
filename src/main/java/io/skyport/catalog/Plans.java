package io.skyport.catalog;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Plans extends ListCrudRepository<Plan, UUID> {

	List<Plan> findByProductIdOrderByPosition(UUID productId);

	List<Plan> findByProductIdInOrderByPosition(Collection<UUID> productIds);

	long countByProductIdAndArchivedFalse(UUID productId);

	long countByProductId(UUID productId);
}
