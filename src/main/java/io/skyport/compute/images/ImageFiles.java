package io.skyport.compute.images;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import jakarta.persistence.LockModeType;

interface ImageFiles extends ListCrudRepository<ImageFile, ImageFile.Key> {

	@Query("select f from ImageFile f where f.imageId = ?1 order by f.kind")
	List<ImageFile> findByImageId(UUID imageId);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select f from ImageFile f where f.imageId = ?1 and f.kind = ?2")
	Optional<ImageFile> lock(UUID imageId, ImageFile.Kind kind);

	void flush();
}
