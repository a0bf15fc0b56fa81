package io.skyport.compute.instances;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface Volumes extends ListCrudRepository<Volume, UUID> {

	List<Volume> findByInstanceIdOrderByCreatedAt(UUID instanceId);
}
