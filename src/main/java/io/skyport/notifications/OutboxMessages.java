package io.skyport.notifications;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.repository.Repository;

interface OutboxMessages extends Repository<OutboxMessage, UUID> {

	OutboxMessage save(OutboxMessage message);

	Optional<OutboxMessage> findById(UUID id);

	/** Newest first, without the bodies. */
	Slice<Summary> findAllByOrderByCreatedAtDescIdDesc(Pageable page);

	interface Summary {

		UUID getId();

		String getRecipient();

		String getSubject();

		int getAttachmentCount();

		Instant getCreatedAt();
	}

	interface AttachmentInfo {

		int getPosition();

		String getFilename();

		String getContentType();

		int getSizeBytes();
	}
}
