package io.skyport.compute.images;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import jakarta.persistence.LockModeType;

interface ImageCopies extends ListCrudRepository<ImageCopy, ImageCopy.Key> {

	@Query("select c from ImageCopy c where c.imageId = ?1")
	List<ImageCopy> findByImageId(UUID imageId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from ImageCopy c where c.imageId = ?1 and c.nodeId = ?2")
	Optional<ImageCopy> lock(UUID imageId, UUID nodeId);

	@Modifying
	@Query("delete from ImageCopy c where c.imageId = ?1")
	void deleteByImageId(UUID imageId);
}
