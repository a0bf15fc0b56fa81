package io.skyport.catalog;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A visible review with the vendor's reply, if any. */
public record ReviewView(UUID id, String authorName, int rating, String comment, @Nullable String vendorReply,
		@Nullable Instant vendorRepliedAt, Instant createdAt, Instant updatedAt) {
}
