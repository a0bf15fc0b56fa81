package io.skyport.compute.images;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * One file of an image that Skyport keeps in its image store: where it comes from, its expected SHA-256 and where
 * its import stands. Its content, once {@link State#READY}, is the store's file named by the SHA-256.
 */
@Entity
@Table(name = "image_files")
@IdClass(ImageFile.Key.class)
class ImageFile {

	/** Which file of the image. */
	enum Kind {
		DISK, KERNEL, INITRD;

		/** The name in URLs and forms: {@code disk}, {@code kernel}, {@code initrd}. */
		String path() {
			return name().toLowerCase(Locale.ROOT);
		}

		static @Nullable Kind ofPath(String value) {
			for (Kind kind : values()) {
				if (kind.path().equals(value)) {
					return kind;
				}
			}
			return null;
		}
	}

	/** How the file reaches the store. */
	enum Origin {
		UPLOAD, URL, PATH
	}

	enum State {
		PENDING, IMPORTING, READY, FAILED
	}

	record Key(UUID imageId, Kind kind) implements Serializable {
	}

	/** What an operator asked for: the origin, the URL or path (none for an upload) and the SHA-256. */
	record Spec(Kind kind, Origin origin, @Nullable String location, String sha256) {
	}

	@Id
	private UUID imageId;

	@Id
	@Enumerated(EnumType.STRING)
	private Kind kind;

	@Enumerated(EnumType.STRING)
	private Origin origin;

	private @Nullable String location;

	private String sha256;

	private @Nullable String format;

	private @Nullable Long sizeBytes;

	@Enumerated(EnumType.STRING)
	private State state;

	private @Nullable String reason;

	private @Nullable Instant attemptStartedAt;

	private Instant updatedAt;

	ImageFile(UUID imageId, Spec spec, Instant now) {
		this.imageId = imageId;
		this.kind = spec.kind();
		this.origin = spec.origin();
		this.location = spec.location();
		this.sha256 = spec.sha256();
		this.state = State.PENDING;
		this.updatedAt = now;
	}

	@SuppressWarnings("NullAway.Init")
	protected ImageFile() {
	}

	boolean matches(Spec spec) {
		return origin == spec.origin() && Objects.equals(location, spec.location()) && sha256.equals(spec.sha256());
	}

	/** An import starts (or starts again after a failure): its deadline counts from the first attempt. */
	void importing(Instant now) {
		if (state != State.IMPORTING) {
			attemptStartedAt = now;
		}
		state = State.IMPORTING;
		updatedAt = now;
	}

	void ready(long size, String fileFormat, Instant now) {
		state = State.READY;
		sizeBytes = size;
		format = fileFormat;
		reason = null;
		attemptStartedAt = null;
		updatedAt = now;
	}

	void failed(String why, Instant now) {
		state = State.FAILED;
		reason = truncate(why);
		attemptStartedAt = null;
		updatedAt = now;
	}

	/** A transient failure: the import stays under way and is retried. */
	void stillImporting(String why, Instant now) {
		reason = truncate(why);
		updatedAt = now;
	}

	/** Back to waiting: for an import to be tried again. */
	void pending(@Nullable String why, Instant now) {
		state = State.PENDING;
		reason = why == null ? null : truncate(why);
		attemptStartedAt = null;
		updatedAt = now;
	}

	private static String truncate(String why) {
		return why.length() > 2000 ? why.substring(0, 1997) + "..." : why;
	}

	UUID imageId() {
		return imageId;
	}

	Kind kind() {
		return kind;
	}

	Origin origin() {
		return origin;
	}

	@Nullable String location() {
		return location;
	}

	String sha256() {
		return sha256;
	}

	@Nullable String format() {
		return format;
	}

	@Nullable Long sizeBytes() {
		return sizeBytes;
	}

	State state() {
		return state;
	}

	@Nullable String reason() {
		return reason;
	}

	@Nullable Instant attemptStartedAt() {
		return attemptStartedAt;
	}

	Instant updatedAt() {
		return updatedAt;
	}
}
