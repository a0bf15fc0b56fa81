package io.skyport.compute.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.ProviderUnavailableException;
import io.skyport.compute.provider.VolumeInfo;

/**
 * Copies a local file into a storage pool through libvirt streams ({@code virStorageVolUpload}, which works on remote
 * hosts too) and verifies the copy: the bytes sent hash to the expected SHA-256, the volume has the file's size, and
 * where the driver can stream a volume back ({@code virStorageVolDownload}: a real libvirtd can, the test driver
 * cannot) the volume is read back and hashed. Runs on a node's call thread with its connection.
 * <p>
 * libvirt's test driver (9.0) takes neither uploads nor downloads: there the volume is made with the file's size and
 * the file is hashed as it would be sent, so everything but the bytes' transport is exercised.
 */
final class VolumeImports {

	private static final Logger log = LoggerFactory.getLogger(VolumeImports.class);

	private static final int CHUNK = 1 << 20;

	private VolumeImports() {
	}

	/**
	 * @param node the node's label for messages.
	 */
	static VolumeInfo importFile(Connect c, StoragePool pool, String name, String format, long size, Path file,
			String sha256, String node, boolean testDriver) throws LibvirtException {
		String action = "Cannot copy " + file + " into volume '" + name + "' on node " + node + ": ";
		StorageVol volume = StorageVolumes.find(pool, name);
		if (volume != null) {
			String existing = readBackSha256(c, volume, size, action);
			if (existing != null && existing.equals(sha256) && volume.getInfo().capacity >= size) {
				log.info("Volume {} on node {} already holds the file (sha256 {})", name, node, sha256);
				return StorageVolumes.info(volume);
			}
			if (existing != null) {
				volume.delete(0);
				volume = null;
			}
		}
		if (volume == null) {
			try {
				volume = pool.storageVolCreateXML(DomainXml.volume(name, size, "raw", null), 0);
			}
			catch (LibvirtException e) {
				if (LibvirtErrors.is(e, org.libvirt.Error.ErrorNumber.VIR_ERR_STORAGE_VOL_EXIST)) {
					throw new ProviderUnavailableException(action + "another copy of the same file is being made.");
				}
				throw e;
			}
		}
		try {
			upload(c, volume, size, file, sha256, action, testDriver);
		}
		catch (RuntimeException e) {
			deleteQuietly(volume, name, node);
			throw e;
		}
		refresh(pool, node);
		StorageVol copied = pool.storageVolLookupByName(name);
		long capacity = copied.getInfo().capacity;
		if ("raw".equals(format) ? capacity != size : capacity < 1) {
			throw new ProviderFailureException(action + "the volume has " + capacity + " bytes after the copy, the file "
					+ size + ".");
		}
		String readBack = readBackSha256(c, copied, size, action);
		if (readBack != null && !readBack.equals(sha256)) {
			copied.delete(0);
			throw new ProviderFailureException(action + "the volume read back has sha256 " + readBack + ", not "
					+ sha256 + "; it was deleted.");
		}
		log.info("Copied {} ({} bytes, sha256 {}) into volume {} on node {}{}", file, size, sha256, name, node,
				readBack == null ? " (the driver cannot read volumes back; verified what was sent)" : ", read back");
		return StorageVolumes.info(copied);
	}

	/**
	 * A new raw volume of the file's size; if another copy made it meanwhile (nodes sharing a pool, or the test
	 * driver, whose pool all its connections share), that one.
	 */
	private static void upload(Connect c, StorageVol volume, long size, Path file, String sha256, String action,
			boolean testDriver) throws LibvirtException {
		Stream stream = c.streamNew(0);
		boolean finished = false;
		try {
			boolean streaming = true;
			try {
				volume.upload(stream, 0, size, 0);
			}
			catch (LibvirtException e) {
				if (!testDriver || !LibvirtErrors.unsupported(e)) {
					throw e;
				}
				streaming = false;
				finished = true;
			}
			MessageDigest digest = sha256();
			long sent = 0;
			try (InputStream in = Files.newInputStream(file)) {
				byte[] buffer = new byte[CHUNK];
				int read;
				while ((read = in.read(buffer)) > 0) {
					if (sent + read > size) {
						throw new ProviderFailureException(action + "the file is larger than " + size + " bytes.");
					}
					digest.update(buffer, 0, read);
					ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
					while (streaming && chunk.hasRemaining()) {
						stream.write(chunk);
					}
					sent += read;
					if (Thread.currentThread().isInterrupted()) {
						throw new ProviderUnavailableException(action + "interrupted after " + sent + " bytes.");
					}
				}
			}
			String sent256 = HexFormat.of().formatHex(digest.digest());
			if (sent != size || !sent256.equals(sha256)) {
				throw new ProviderFailureException(action + "the file has " + sent + " bytes with sha256 " + sent256
						+ ", expected " + size + " bytes with sha256 " + sha256 + ".");
			}
			if (streaming) {
				stream.finish();
				finished = true;
			}
		}
		catch (NoSuchFileException e) {
			throw new ProviderFailureException(action + "the file does not exist.", e);
		}
		catch (IOException e) {
			throw new ProviderFailureException(action + e.getMessage(), e);
		}
		finally {
			if (!finished) {
				abort(stream);
			}
			free(stream);
		}
	}

	/** The volume's first {@code size} bytes hashed, or {@code null} if the driver cannot stream volumes back. */
	private static @Nullable String readBackSha256(Connect c, StorageVol volume, long size, String action)
			throws LibvirtException {
		Stream stream = c.streamNew(0);
		boolean finished = false;
		try {
			try {
				volume.download(stream, 0, size, 0);
			}
			catch (LibvirtException e) {
				if (LibvirtErrors.unsupported(e)) {
					finished = true;
					return null;
				}
				throw e;
			}
			MessageDigest digest = sha256();
			ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
			long received = 0;
			int read;
			// read() finishes the stream itself when it reaches the end (and then returns -1).
			while ((read = stream.read(buffer)) >= 0) {
				buffer.flip();
				digest.update(buffer);
				buffer.clear();
				received += read;
			}
			finished = true; // Stream.read finishes the stream at its end
			return received == size ? HexFormat.of().formatHex(digest.digest()) : "short read of " + received + " bytes";
		}
		catch (IOException e) {
			throw new ProviderFailureException(action + "reading the volume back failed: " + e.getMessage(), e);
		}
		finally {
			if (!finished) {
				abort(stream);
			}
			free(stream);
		}
	}

	/**
	 * Asks the pool to look at its volumes again (so that it reports a qcow2 copy as qcow2). Best effort: libvirt
	 * refreshes the pool after an upload by itself and refuses while another upload into the pool runs; Skyport
	 * passes the format it detected wherever it uses the copy, so nothing depends on it.
	 */
	private static void refresh(StoragePool pool, String node) {
		try {
			pool.refresh(0);
		}
		catch (LibvirtException e) {
			log.debug("Refreshing the storage pool of node {} failed: {}", node, LibvirtErrors.message(e));
		}
	}

	private static void deleteQuietly(StorageVol volume, String name, String node) {
		try {
			volume.delete(0);
		}
		catch (LibvirtException e) {
			log.warn("Could not delete the incomplete volume {} on node {}: {}", name, node, LibvirtErrors.message(e));
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void abort(Stream stream) {
		try {
			stream.abort();
		}
		catch (LibvirtException e) {
			log.debug("Aborting a libvirt stream failed: {}", LibvirtErrors.message(e));
		}
	}

	private static void free(Stream stream) {
		try {
			stream.free();
		}
		catch (LibvirtException e) {
			log.debug("Freeing a libvirt stream failed: {}", LibvirtErrors.message(e));
		}
	}
}
