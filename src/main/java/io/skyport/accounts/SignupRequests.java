package io.skyport.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface SignupRequests extends ListCrudRepository<SignupRequest, UUID> {

	/** Saves and flushes at once, so a unique-constraint violation surfaces here rather than at commit. */
	SignupRequest saveAndFlush(SignupRequest entity);

	boolean existsByEmailAndStatus(String email, SignupRequest.Status status);

	Optional<SignupRequest> findByEmailAndStatus(String email, SignupRequest.Status status);

	Optional<SignupRequest> findFirstByEmailAndStatusOrderByDecidedAtDesc(String email, SignupRequest.Status status);

	List<SignupRequest> findByStatusOrderByCreatedAt(SignupRequest.Status status);

	List<SignupRequest> findTop50ByStatusNotOrderByDecidedAtDesc(SignupRequest.Status status);
}
