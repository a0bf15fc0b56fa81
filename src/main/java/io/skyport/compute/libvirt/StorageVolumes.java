package io.skyport.compute.libvirt;

import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo.VirStorageVolType;
import org.w3c.dom.Element;

import io.skyport.compute.provider.ProviderFailureException;
import io.skyport.compute.provider.VolumeInfo;

/**
 * Volumes in a node's storage pool: lookups that tolerate absence, empty qcow2 volumes, and root volumes backed by an
 * image. Every method runs on a node's call thread with its connection.
 */
final class StorageVolumes {

	static final long GIB = 1L << 30;

	/**
	 * An image a root volume can be backed by.
	 *
	 * @param volume the image's volume, or {@code null} if it is a plain file on the host.
	 * @param capacityBytes its virtual size, or 0 if unknown.
	 */
	record Image(String source, @Nullable StorageVol volume, DomainXml.Disk disk, long capacityBytes) {
	}

	private StorageVolumes() {
	}

	/** The pool, which must be active. */
	static StoragePool pool(Connect connect, String name) throws LibvirtException {
		StoragePool pool = connect.storagePoolLookupByName(name);
		if (pool.isActive() != 1) {
			throw new ProviderFailureException("Storage pool '" + name + "' is not active; start it with virsh pool-start "
					+ name + ".");
		}
		return pool;
	}

	/** The pool, or {@code null} if the host has none by that name (so it holds no volumes to remove either). */
	static @Nullable StoragePool findPool(Connect connect, String name) throws LibvirtException {
		try {
			return pool(connect, name);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
				return null;
			}
			throw e;
		}
	}

	/** The named volume, or {@code null} if the pool has none by that name. */
	static @Nullable StorageVol find(StoragePool pool, String name) throws LibvirtException {
		try {
			return pool.storageVolLookupByName(name);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
				return null;
			}
			throw e;
		}
	}

	/** The existing volume with that name, or a new empty qcow2 one. */
	static StorageVol ensureEmpty(StoragePool pool, String name, long capacityBytes) throws LibvirtException {
		StorageVol existing = find(pool, name);
		if (existing != null) {
			return existing;
		}
		return pool.storageVolCreateXML(DomainXml.volume(name, capacityBytes, "qcow2", null), 0);
	}

	static VolumeInfo info(StorageVol volume) throws LibvirtException {
		return new VolumeInfo(volume.getName(), volume.getPath(), volume.getInfo().capacity);
	}

	/** The volume as a disk a domain can use. */
	static DomainXml.Disk disk(StorageVol volume) throws LibvirtException {
		boolean block = volume.getInfo().type == VirStorageVolType.VIR_STORAGE_VOL_BLOCK;
		return new DomainXml.Disk(volume.getPath(), block, format(volume));
	}

	/**
	 * Finds an image given as {@code pool/volume}, as an absolute path (a volume of any pool, or else a file on the
	 * host), or as the name of a volume in {@code targetPool}.
	 *
	 * @return the image, or {@code null} with {@code why} filled in when it does not exist.
	 */
	static @Nullable Image image(Connect connect, StoragePool targetPool, String source, StringBuilder why)
			throws LibvirtException {
		try {
			if (source.startsWith("/")) {
				StorageVol volume = pathVolume(connect, source);
				return volume != null ? image(source, volume)
						: new Image(source, null, new DomainXml.Disk(source, false, formatOf(source)), 0);
			}
			int slash = source.indexOf('/');
			StoragePool pool = slash < 0 ? targetPool : connect.storagePoolLookupByName(source.substring(0, slash));
			String name = slash < 0 ? source : source.substring(slash + 1);
			StorageVol volume = find(pool, name);
			if (volume == null) {
				why.append("storage pool '").append(pool.getName()).append("' has no volume '").append(name).append("'");
				return null;
			}
			return image(source, volume);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_POOL)) {
				why.append("there is no storage pool '").append(source, 0, source.indexOf('/')).append("'");
				return null;
			}
			throw e;
		}
	}

	/** The volume's format as libvirt reports it ({@code raw} if it reports none). */
	static String format(StorageVol volume) throws LibvirtException {
		Element root = XmlDocuments.parse(volume.getXMLDesc(0)).getDocumentElement();
		Element target = XmlDocuments.first(root, "target");
		Element format = target == null ? null : XmlDocuments.first(target, "format");
		String type = format == null ? "" : format.getAttribute("type");
		return type.matches("[a-z0-9]+") ? type : "raw";
	}

	private static Image image(String source, StorageVol volume) throws LibvirtException {
		return new Image(source, volume, disk(volume), volume.getInfo().capacity);
	}

	private static @Nullable StorageVol pathVolume(Connect connect, String path) throws LibvirtException {
		try {
			return connect.storageVolLookupByPath(path);
		}
		catch (LibvirtException e) {
			if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_STORAGE_VOL)) {
				return null;
			}
			throw e;
		}
	}

	private static String formatOf(String path) {
		return path.endsWith(".raw") || path.endsWith(".img") ? "raw" : "qcow2";
	}
}
