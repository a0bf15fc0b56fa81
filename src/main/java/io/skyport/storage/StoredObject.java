package io.skyport.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An object in the store: its metadata, and a way to read its bytes.
 * <p>
 * Holding a {@code StoredObject} holds no stream or connection: {@link #openStream()} opens one each time it is
 * called. Two {@code StoredObject}s are equal when their metadata is.
 *
 * @param key the key it is stored under.
 * @param length its size in bytes.
 * @param contentType the media type given when it was stored.
 * @param etag an opaque version tag without quotes: the same content stored under a key gives the same tag, other
 * content another one.
 * @param lastModified when the store last wrote it.
 * @param content opens the bytes this metadata describes.
 */
public record StoredObject(String key, long length, String contentType, String etag, Instant lastModified,
		Content content) {

	/**
	 * Opens a new stream over the object's bytes: exactly {@link #length()} bytes of the version this metadata
	 * describes. The caller closes it.
	 *
	 * @throws ObjectStorageException if the object was replaced or deleted since this metadata was read (get it
	 * again), or if the store could not be read.
	 */
	public InputStream openStream() {
		return content.open();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof StoredObject that && key.equals(that.key) && length == that.length
				&& contentType.equals(that.contentType) && etag.equals(that.etag)
				&& lastModified.equals(that.lastModified);
	}

	@Override
	public int hashCode() {
		return Objects.hash(key, length, contentType, etag, lastModified);
	}

	@Override
	public String toString() {
		return "StoredObject[key=" + key + ", length=" + length + ", contentType=" + contentType + ", etag=" + etag
				+ ", lastModified=" + lastModified + "]";
	}

	/** Opens the bytes of one stored object; see {@link StoredObject#openStream()}. */
	@FunctionalInterface
	public interface Content {

		/**
		 * @return a new stream the caller closes.
		 * @throws ObjectStorageException if the object changed or could not be read.
		 */
		InputStream open();
	}
}
