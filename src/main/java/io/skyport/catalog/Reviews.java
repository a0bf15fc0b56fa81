package io.skyport.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface Reviews extends ListCrudRepository<Review, UUID> {

	/** Saves and flushes at once, so the one-review-per-author constraint surfaces here. */
	Review saveAndFlush(Review review);

	Optional<Review> findByProductIdAndAuthorId(UUID productId, UUID authorId);

	List<Review> findByProductIdAndHiddenAtIsNullOrderByCreatedAtDesc(UUID productId);

	List<Review> findByProductIdOrderByCreatedAtDesc(UUID productId);

	List<Review> findTop100ByOrderByCreatedAtDesc();

	/** [count, sum] of the visible ratings. */
	@Query("select count(r), coalesce(sum(r.rating), 0) from Review r where r.productId = ?1 and r.hiddenAt is null")
	List<Object[]> visibleRatingTotals(UUID productId);
}
