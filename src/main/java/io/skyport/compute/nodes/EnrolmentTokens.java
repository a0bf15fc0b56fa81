package io.skyport.compute.nodes;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface EnrolmentTokens extends ListCrudRepository<EnrolmentToken, UUID> {

	Optional<EnrolmentToken> findByTokenHash(byte[] tokenHash);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from EnrolmentToken t where t.id = :id")
	Optional<EnrolmentToken> lockById(UUID id);

	List<EnrolmentToken> findAllByOrderByCreatedAtDesc();
}
