package io.skyport.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores objects (media, documents) under keys. The only way other modules reach object storage: whether the bytes
 * live on the local filesystem or in an S3 bucket is configuration ({@code skyport.storage.type}).
 * <p>
 * Keys are names our code generates, such as {@code catalog/products/<uuid>/logo.webp}; every method checks them with
 * {@link ObjectKey#requireValid(String)} and throws {@link IllegalArgumentException} for a malformed key before
 * touching the store. Any other failure of the store (I/O, network, refused by S3) is an
 * {@link ObjectStorageException} naming the key and what failed. Implementations are thread-safe.
 */
public interface ObjectStorage {

	/**
	 * Stores {@code content} under {@code key}, replacing any object stored there. The replacement is atomic: a
	 * reader sees either the previous object or the new one whole, never a partly written one, and a failed put
	 * leaves the previous object as it was.
	 *
	 * @param key a valid key.
	 * @param content read to its end; the caller closes it.
	 * @param length the exact number of bytes {@code content} holds; a stream that ends earlier or holds more fails
	 * the put with an {@link ObjectStorageException} and stores nothing.
	 * @param contentType the media type served with the object, such as {@code image/webp}: 1 to 255 printable ASCII
	 * characters.
	 * @return the metadata of the stored object.
	 * @throws IllegalArgumentException for an invalid key, a negative length or an invalid content type.
	 * @throws ObjectStorageException if the content could not be read or stored.
	 */
	StoredObject put(String key, InputStream content, long length, String contentType);

	/**
	 * The object stored under {@code key}: its metadata now, its bytes through {@link StoredObject#openStream()}
	 * (no stream is open until then).
	 *
	 * @return the object, or empty if no object is stored under {@code key}.
	 * @throws ObjectStorageException if the store could not be asked.
	 */
	Optional<StoredObject> get(String key);

	/**
	 * Whether an object is stored under {@code key}.
	 *
	 * @throws ObjectStorageException if the store could not be asked.
	 */
	boolean exists(String key);

	/**
	 * Deletes the object stored under {@code key}; deleting a key that holds nothing does nothing.
	 *
	 * @throws ObjectStorageException if the store could not delete it.
	 */
	void delete(String key);

	/**
	 * A URL from which a browser can download the object under {@code key} directly from the store, without Skyport
	 * in between, for {@code validity}. Whether the object exists is not checked: the URL of a missing object
	 * answers 404.
	 *
	 * @param validity how long the URL works: more than zero and at most 7 days.
	 * @return the URL, or empty if this store cannot hand out such URLs (the local filesystem): then stream the
	 * object through Skyport with {@link #get(String)}.
	 * @throws IllegalArgumentException for an invalid key or validity.
	 */
	Optional<URI> presignedGet(String key, Duration validity);
}
