package io.skyport.compute.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.skyport.compute.provider.ConsoleRead;
import io.skyport.compute.provider.ProviderFailureException;

/**
 * Reads console logs on a libvirt host through libvirt itself, so that it works for remote hosts: the host's console
 * log directory is a libvirt {@code dir} storage pool (the one whose target is that directory, or else
 * {@value #POOL} defined, built, started and set to autostart by Skyport), each log file a volume of it, read with
 * {@code virStorageVolDownload} from an offset. A file the pool does not list yet (a machine's first boot) is found by
 * refreshing the pool; {@code virStorageVolGetInfo} re-reads a file's size on every call.
 * <p>
 * Why not the console stream ({@code virDomainOpenConsole}): it is not bound by libvirt-java, it allows one reader at a
 * time (a customer's {@code virsh console} would cut Skyport off, or the other way round), and it has no history: what
 * the guest printed while nobody listened is lost. The file keeps everything, and virtlogd rotates it.
 */
final class ConsoleVolumes {

	/** The name of the pool Skyport defines when the host has none over its console log directory. */
	static final String POOL = "skyport-consoles";

	private static final Logger log = LoggerFactory.getLogger(ConsoleVolumes.class);

	private static final int CHUNK = 64 * 1024;

	/** Pool names found per host and directory, so the pools' definitions are not read on every call. */
	private final ConcurrentMap<String, String> pools = new ConcurrentHashMap<>();

	/**
	 * Reads {@code file} on the host from {@code offset}, at most {@code maxBytes}.
	 *
	 * @param hostKey identifies the host (its URI), for the cache of pool names.
	 */
	ConsoleRead read(Connect c, String hostKey, String file, long offset, int maxBytes, String node)
			throws LibvirtException {
		int slash = file.lastIndexOf('/');
		if (slash < 0 || slash == file.length() - 1) {
			throw new ProviderFailureException("The console log path '" + file + "' of node " + node + " is not a file.");
		}
		String directory = slash == 0 ? "/" : file.substring(0, slash);
		String name = file.substring(slash + 1);
		StoragePool pool = pool(c, hostKey, directory, node);
		StorageVol volume = volume(pool, name);
		if (volume == null) {
			return ConsoleRead.EMPTY;
		}
		long size;
		try {
			size = volume.getInfo().capacity;
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.connectionLost(e)) {
				throw e;
			}
			// The file went away since the pool listed it (a machine undefined, a log rotated): look again.
			refresh(pool, node);
			volume = volume(pool, name);
			if (volume == null) {
				return ConsoleRead.EMPTY;
			}
			size = volume.getInfo().capacity;
		}
		long length = Math.max(0, Math.min(size - offset, maxBytes));
		if (length == 0) {
			return new ConsoleRead(size, new byte[0]);
		}
		return new ConsoleRead(size, download(c, volume, offset, (int) length, file));
	}

	private static byte[] download(Connect c, StorageVol volume, long offset, int length, String file)
			throws LibvirtException {
		Stream stream = c.streamNew(0);
		boolean finished = false;
		try {
			volume.download(stream, offset, length, 0);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			ByteBuffer piece = ByteBuffer.allocate(Math.min(CHUNK, length));
			int read;
			// read() finishes the stream itself when it reaches the end (and then returns -1).
			while ((read = stream.read(piece)) >= 0) {
				piece.flip();
				int take = Math.min(read, buffer.remaining());
				piece.limit(take);
				buffer.put(piece);
				piece.clear();
			}
			finished = true;
			return Arrays.copyOf(buffer.array(), buffer.position());
		}
		catch (IOException e) {
			throw new ProviderFailureException("Reading the console log " + file + " failed: " + e.getMessage(), e);
		}
		finally {
			if (!finished) {
				try {
					stream.abort();
				}
				catch (LibvirtException e) {
					log.debug("Aborting a console log download failed: {}", LibvirtErrors.message(e));
				}
			}
			try {
				stream.free();
			}
			catch (LibvirtException e) {
				log.debug("Freeing a console log stream failed: {}", LibvirtErrors.message(e));
			}
		}
	}

	private static @Nullable StorageVol volume(StoragePool pool, String name) throws LibvirtException {
		StorageVol volume = StorageVolumes.find(pool, name);
		if (volume != null) {
			return volume;
		}
		pool.refresh(0);
		return StorageVolumes.find(pool, name);
	}

	private static void refresh(StoragePool pool, String node) {
		try {
			pool.refresh(0);
		}
		catch (LibvirtException e) {
			log.debug("Refreshing the console log pool of node {} failed: {}", node, LibvirtErrors.message(e));
		}
	}

	/** The active pool over {@code directory}: the cached one, one the host has, or Skyport's own, made now. */
	private StoragePool pool(Connect c, String hostKey, String directory, String node) throws LibvirtException {
		String key = hostKey + "|" + directory;
		String cached = pools.get(key);
		StoragePool pool = cached == null ? null : lookup(c, cached);
		if (pool == null) {
			pools.remove(key);
			pool = existing(c, directory);
		}
		if (pool == null) {
			pool = define(c, directory, node);
		}
		if (pool.isActive() != 1) {
			start(pool, directory, node);
		}
		pools.put(key, pool.getName());
		return pool;
	}

	private static @Nullable StoragePool lookup(Connect c, String name) throws LibvirtException {
		try {
			return c.storagePoolLookupByName(name);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
				return null;
			}
			throw e;
		}
	}

	private static @Nullable StoragePool existing(Connect c, String directory) throws LibvirtException {
		List<String> names = new ArrayList<>(List.of(c.listStoragePools()));
		names.addAll(List.of(c.listDefinedStoragePools()));
		for (String name : names) {
			StoragePool pool = lookup(c, name);
			if (pool != null && directory.equals(targetPath(pool.getXMLDesc(0)))) {
				return pool;
			}
		}
		return null;
	}

	private static @Nullable String targetPath(String poolXml) {
		Document document = XmlDocuments.parse(poolXml);
		Element root = document.getDocumentElement();
		if (!"dir".equals(root.getAttribute("type"))) {
			return null;
		}
		Element target = XmlDocuments.first(root, "target");
		Element path = target == null ? null : XmlDocuments.first(target, "path");
		return path == null ? null : path.getTextContent().strip().replaceAll("(.)/+$", "$1");
	}

	private static StoragePool define(Connect c, String directory, String node) throws LibvirtException {
		String name = lookup(c, POOL) == null ? POOL : POOL + "-" + Integer.toHexString(directory.hashCode());
		StoragePool pool = c.storagePoolDefineXML(poolXml(name, directory), 0);
		log.info("Defined the storage pool {} over the console log directory {} of node {}", name, directory, node);
		try {
			pool.setAutostart(1);
		}
		catch (LibvirtException e) {
			log.debug("Could not set the console log pool of node {} to autostart: {}", node, LibvirtErrors.message(e));
		}
		return pool;
	}

	private static void start(StoragePool pool, String directory, String node) throws LibvirtException {
		try {
			pool.create(0);
		}
		catch (LibvirtException e) {
			// Most likely the directory does not exist yet: build makes it (mkdir), then start again.
			log.info("Starting the console log pool over {} of node {} failed ({}); building it", directory, node,
					LibvirtErrors.message(e));
			pool.build(0);
			pool.create(0);
		}
	}

	static String poolXml(String name, String directory) {
		Document document = XmlDocuments.newDocument();
		Element pool = XmlDocuments.child(document, "pool", "type", "dir");
		XmlDocuments.text(pool, "name", name);
		Element target = XmlDocuments.child(pool, "target");
		XmlDocuments.text(target, "path", directory);
		return XmlDocuments.write(document);
	}
}
