package io.skyport.storage;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Objects as files under a root directory: key {@code a/b.webp} is the file {@code <root>/a/b.webp}.
 * <p>
 * Each file starts with a short text header (format line, length, content type, last modified, etag) followed by
 * the bytes, so content and metadata are one file and are replaced together by one atomic rename: a put writes a
 * temporary file in the target's directory, forces it to disk and moves it over the target with
 * {@code ATOMIC_MOVE}. The etag is the hex MD5 of the content, like S3's for single-part uploads. Temporary files are
 * named {@code .~put-…}: {@code ~} never occurs in a key, so they never collide with an object.
 * <p>
 * A key cannot both hold an object and be the folder of other keys ({@code a} and {@code a/b}): the second put
 * fails with an {@link ObjectStorageException}. A delete removes the directories it leaves empty.
 */
final class LocalObjectStorage implements StorageAdapter {

	private static final String FORMAT_LINE = "skyport-object 1";
	private static final int MAX_HEADER_BYTES = 1024;
	private static final int BUFFER_SIZE = 64 * 1024;
	private static final String TEMP_PREFIX = ".~put-";

	private final Path root;
	private final Clock clock;

	LocalObjectStorage(Path root, Clock clock) {
		this.root = root.toAbsolutePath().normalize();
		this.clock = clock;
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException e) {
			throw new ObjectStorageException("Cannot create the object storage directory " + this.root
					+ " (skyport.storage.local.root): " + e, e);
		}
	}

	Path root() {
		return root;
	}

	@Override
	public StoredObject put(String key, InputStream content, long length, String contentType) {
		StorageArguments.checkPut(key, length, contentType);
		Path target = resolve(key);
		Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
		try {
			Header header;
			try (FileChannel channel = createTemporaryFile(temp)) {
				header = write(channel, new DeclaredLengthInputStream(key, content, length), length, contentType);
			}
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			forceDirectory(target.getParent());
			return stored(key, target, header);
		}
		catch (FileAlreadyExistsException | NotDirectoryException | DirectoryNotEmptyException e) {
			throw new ObjectStorageException("Cannot store object '" + key + "': a part of its path is an object, or "
					+ "the key is the folder of other objects (" + e.getMessage() + ")", e);
		}
		catch (IOException e) {
			throw new ObjectStorageException("Cannot store object '" + key + "' in " + root + ": " + e.getMessage(), e);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	@Override
	public Optional<StoredObject> get(String key) {
		Path file = resolve(key);
		try (InputStream in = openIfRegularFile(file)) {
			if (in == null) {
				return Optional.empty();
			}
			return Optional.of(stored(key, file, readHeader(key, in)));
		}
		catch (NoSuchFileException e) {
			return Optional.empty();
		}
		catch (IOException e) {
			throw new ObjectStorageException("Cannot read object '" + key + "' in " + root + ": " + e.getMessage(), e);
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(resolve(key), LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public void delete(String key) {
		Path file = resolve(key);
		try {
			if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file)) {
				pruneEmptyDirectories(file.getParent());
			}
		}
		catch (IOException e) {
			throw new ObjectStorageException("Cannot delete object '" + key + "' in " + root + ": " + e.getMessage(), e);
		}
	}

	@Override
	public Optional<URI> presignedGet(String key, Duration validity) {
		StorageArguments.checkPresign(key, validity);
		return Optional.empty();
	}

	@Override
	public String type() {
		return "local";
	}

	@Override
	public Map<String, Object> location() {
		return Map.of("root", root.toString());
	}

	@Override
	public void probe() {
		if (!Files.isDirectory(root)) {
			throw new ObjectStorageException("The object storage directory " + root + " does not exist");
		}
		if (!Files.isWritable(root)) {
			throw new ObjectStorageException("The object storage directory " + root + " is not writable");
		}
	}

	/**
	 * The file of {@code key}; a second guard besides the key rules that no key escapes the root.
	 */
	private Path resolve(String key) {
		ObjectKey.requireValid(key);
		Path file = root.resolve(key).normalize();
		if (!file.startsWith(root) || file.equals(root)) {
			throw new IllegalArgumentException("Object key '" + key + "' resolves outside the storage directory");
		}
		return file;
	}

	/**
	 * Creates the temporary file next to the target, with its directories. A delete may prune a directory just
	 * created here (it was empty); then create it again, a few times.
	 */
	private static FileChannel createTemporaryFile(Path temp) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				Files.createDirectories(temp.getParent());
				return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			catch (NoSuchFileException e) {
				if (attempt == 3) {
					throw e;
				}
			}
		}
	}

	private Header write(FileChannel channel, InputStream content, long length, String contentType)
			throws IOException {
		Header header = new Header(length, contentType, clock.instant(), "0".repeat(32));
		MessageDigest md5 = md5();
		writeFully(channel, ByteBuffer.wrap(header.bytes()));
		byte[] buffer = new byte[BUFFER_SIZE];
		for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
			md5.update(buffer, 0, n);
			writeFully(channel, ByteBuffer.wrap(buffer, 0, n));
		}
		Header complete = header.withEtag(HexFormat.of().formatHex(md5.digest()));
		channel.write(ByteBuffer.wrap(complete.bytes()), 0);
		channel.force(true);
		return complete;
	}

	/** Removes the directories a delete left empty, up to the root; stops at the first that is not empty. */
	private void pruneEmptyDirectories(Path directory) {
		for (Path dir = directory; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
			try {
				Files.delete(dir);
			}
			catch (IOException e) {
				return;
			}
		}
	}

	private StoredObject stored(String key, Path file, Header header) {
		return new StoredObject(key, header.length(), header.contentType(), header.etag(), header.lastModified(),
				() -> open(key, file, header.etag()));
	}

	private InputStream open(String key, Path file, String etag) {
		@Nullable InputStream in = null;
		try {
			in = openIfRegularFile(file);
			if (in == null) {
				throw new ObjectStorageException("Object '" + key + "' was deleted since it was read; get it again");
			}
			if (!readHeader(key, in).etag().equals(etag)) {
				throw new ObjectStorageException("Object '" + key + "' changed since it was read; get it again");
			}
			return in;
		}
		catch (NoSuchFileException e) {
			throw new ObjectStorageException("Object '" + key + "' was deleted since it was read; get it again", e);
		}
		catch (IOException e) {
			closeQuietly(in);
			throw new ObjectStorageException("Cannot read object '" + key + "' in " + root + ": " + e.getMessage(), e);
		}
		catch (RuntimeException e) {
			closeQuietly(in);
			throw e;
		}
	}

	private static @Nullable InputStream openIfRegularFile(Path file) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (AccessDeniedException e) {
			throw e;
		}
		catch (FileSystemException e) {
			// no such file, or a part of the path is a file (the key is below another object's key)
			return null;
		}
		if (!attributes.isRegularFile()) {
			return null;
		}
		return new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
	}

	private Header readHeader(String key, InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		int previous = -1;
		while (true) {
			int b = in.read();
			if (b < 0 || bytes.size() >= MAX_HEADER_BYTES) {
				throw notAnObject(key);
			}
			if (b == '\n' && previous == '\n') {
				break;
			}
			bytes.write(b);
			previous = b;
		}
		return Header.parse(bytes.toString(US_ASCII)).orElseThrow(() -> notAnObject(key));
	}

	private ObjectStorageException notAnObject(String key) {
		return new ObjectStorageException("The file of object '" + key + "' in " + root
				+ " was not written by Skyport's object storage (no valid header)");
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	/** Makes the rename durable; best effort, as not every filesystem lets a directory be forced. */
	private static void forceDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException e) {
			// the file itself was forced; losing only the rename in a crash leaves the previous object
		}
	}

	private static void deleteQuietly(Path temp) {
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException e) {
			// a leftover .~put- file is never read as an object
		}
	}

	private static void closeQuietly(@Nullable InputStream in) {
		if (in != null) {
			try {
				in.close();
			}
			catch (IOException e) {
				// nothing was handed out
			}
		}
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has MD5", e);
		}
	}

	/**
	 * The header of an object file. Its size does not depend on the etag (always 32 hex digits), so the etag,
	 * known only once the content is written, is filled in afterwards at the same place.
	 */
	private record Header(long length, String contentType, Instant lastModified, String etag) {

		Header withEtag(String etag) {
			return new Header(length, contentType, lastModified, etag);
		}

		byte[] bytes() {
			return (FORMAT_LINE + "\nlength: " + length + "\ncontent-type: " + contentType + "\nlast-modified: "
					+ lastModified + "\netag: " + etag + "\n\n").getBytes(US_ASCII);
		}

		static Optional<Header> parse(String text) {
			String[] lines = text.split("\n", -1);
			if (lines.length != 6 || !lines[0].equals(FORMAT_LINE) || !lines[5].isEmpty()) {
				return Optional.empty();
			}
			Map<String, String> fields = new LinkedHashMap<>();
			for (int i = 1; i < 5; i++) {
				int colon = lines[i].indexOf(": ");
				if (colon < 0) {
					return Optional.empty();
				}
				fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
			}
			try {
				String etag = fields.get("etag");
				String contentType = fields.get("content-type");
				if (etag == null || etag.length() != 32 || contentType == null) {
					return Optional.empty();
				}
				return Optional.of(new Header(Long.parseLong(fields.getOrDefault("length", "")), contentType,
						Instant.parse(fields.getOrDefault("last-modified", "")), etag));
			}
			catch (NumberFormatException | DateTimeParseException e) {
				return Optional.empty();
			}
		}
	}
}
