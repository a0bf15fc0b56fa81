package io.skyport.compute.images;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** An image's files copied into one node's storage pool, and where that copy stands. */
@Entity
@Table(name = "image_copies")
@IdClass(ImageCopy.Key.class)
class ImageCopy {

	enum State {
		PENDING, COPYING, READY, FAILED
	}

	record Key(UUID imageId, UUID nodeId) implements Serializable {
	}

	@Id
	private UUID imageId;

	@Id
	private UUID nodeId;

	@Enumerated(EnumType.STRING)
	private State state;

	private @Nullable String reason;

	private long bytes;

	private @Nullable Instant attemptStartedAt;

	private @Nullable Instant copiedAt;

	private Instant updatedAt;

	ImageCopy(UUID imageId, UUID nodeId, Instant now) {
		this.imageId = imageId;
		this.nodeId = nodeId;
		this.state = State.PENDING;
		this.updatedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected ImageCopy() {
	}

	void copying(Instant now) {
		if (state != State.COPYING || attemptStartedAt == null) {
			attemptStartedAt = now;
		}
		state = State.COPYING;
		updatedAt = now;
	}

	void ready(long copiedBytes, Instant now) {
		state = State.READY;
		bytes = copiedBytes;
		reason = null;
		attemptStartedAt = null;
		copiedAt = now;
		updatedAt = now;
	}

	void failed(String why, Instant now) {
		state = State.FAILED;
		reason = truncate(why);
		attemptStartedAt = null;
		updatedAt = now;
	}

	void stillCopying(String why, Instant now) {
		reason = truncate(why);
		updatedAt = now;
	}

	/** To be copied (again): after a failure, or because the image's files changed. */
	void pending(@Nullable String why, Instant now) {
		state = State.PENDING;
		reason = why == null ? null : truncate(why);
		attemptStartedAt = null;
		copiedAt = null;
		bytes = 0;
		updatedAt = now;
	}

	private static String truncate(String why) {
		return why.length() > 2000 ? why.substring(0, 1997) + "..." : why;
	}

	UUID imageId() {
		return imageId;
	}

	UUID nodeId() {
		return nodeId;
	}

	State state() {
		return state;
	}

	@Nullable String reason() {
		return reason;
	}

	long bytes() {
		return bytes;
	}

	@Nullable Instant attemptStartedAt() {
		return attemptStartedAt;
	}

	@Nullable Instant copiedAt() {
		return copiedAt;
	}
}
