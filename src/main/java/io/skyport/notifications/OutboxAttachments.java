package io.skyport.notifications;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface OutboxAttachments extends Repository<OutboxAttachment, UUID> {

	OutboxAttachment save(OutboxAttachment attachment);

	/** What the message page lists, without the content. */
	List<OutboxMessages.AttachmentInfo> findByMessageIdOrderByPosition(UUID messageId);

	Optional<OutboxAttachment> findByMessageIdAndPosition(UUID messageId, int position);
}
