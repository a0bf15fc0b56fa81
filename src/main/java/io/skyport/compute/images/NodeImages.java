package io.skyport.compute.images;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import io.skyport.compute.ComputeRefusedException;
import io.skyport.compute.ComputeUnavailableException;
import io.skyport.compute.ImageId;
import io.skyport.compute.NodeId;
import io.skyport.compute.provider.MachineSpec;

/**
 * What a machine on a given node boots from, for compute's instances: the image's own source where it is used in
 * place, otherwise the node's copies of its files.
 */
@Service
public class NodeImages {

	private static final Duration COPY_RETRY = Duration.ofSeconds(5);

	private static final Duration IMPORT_RETRY = Duration.ofSeconds(30);

	/**
	 * The machine's boot media on a node.
	 *
	 * @param disk the root disk's backing image, as {@link MachineSpec#imageSource()} takes it.
	 * @param kernelBoot the kernel and initrd to boot directly, or {@code null}.
	 * @param diskFormat the disk's format where Skyport imported it ({@code qcow2} or {@code raw}), else {@code null}.
	 */
	public record BootMedia(String disk, MachineSpec.@Nullable KernelBoot kernelBoot, @Nullable String diskFormat) {
	}

	private final Images images;
	private final ImageFiles files;
	private final ImageCopying copying;

	NodeImages(Images images, ImageFiles files, ImageCopying copying) {
		this.images = images;
		this.files = files;
		this.copying = copying;
	}

	/**
	 * What a machine of the image boots from on the node. Where the image's copy on the node is not ready yet, its
	 * copy is started (or started again after a failure) and the caller is told to try again.
	 *
	 * @throws ComputeRefusedException the image is not registered, or one of its files failed to import.
	 * @throws ComputeUnavailableException the image's files are still being imported, or it is being copied to the
	 *         node: try again later.
	 */
	public BootMedia bootMedia(ImageId imageId, NodeId nodeId) {
		Image image = images.findById(imageId.id())
			.orElseThrow(() -> new ComputeRefusedException("The image " + imageId + " is no longer registered."));
		List<ImageFile> imageFiles = files.findByImageId(image.id());
		if (imageFiles.isEmpty()) {
			return new BootMedia(image.source(), null, null);
		}
		for (ImageFile file : imageFiles) {
			if (file.state() == ImageFile.State.FAILED) {
				throw new ComputeRefusedException("The image '" + image.name() + "' cannot be used: its "
						+ file.kind().path() + " failed to import (" + file.reason() + ").");
			}
		}
		if (!ImageCopying.allReady(imageFiles)) {
			throw new ComputeUnavailableException("The files of image '" + image.name() + "' are not in Skyport's image "
					+ "store yet (being imported or waiting for an upload); try again later.", false, IMPORT_RETRY, null);
		}
		ImageCopy copy = copying.copy(image.id(), nodeId.id()).orElse(null);
		if (copy == null || copy.state() != ImageCopy.State.READY) {
			copying.demand(image.id(), nodeId.id());
			throw new ComputeUnavailableException("The image '" + image.name() + "' is being copied to the node"
					+ (copy != null && copy.reason() != null ? " (" + copy.reason() + ")" : "") + "; try again shortly.",
					false, COPY_RETRY, null);
		}
		String disk = image.source();
		String diskFormat = null;
		String kernel = null;
		String initrd = null;
		for (ImageFile file : imageFiles) {
			String volume = ImageCopying.volumeName(file.sha256());
			switch (file.kind()) {
				case DISK -> {
					disk = volume;
					diskFormat = file.format();
				}
				case KERNEL -> kernel = volume;
				case INITRD -> initrd = volume;
			}
		}
		if (image.boot() == Image.Boot.KERNEL && kernel != null) {
			String cmdline = image.kernelCmdline();
			return new BootMedia(disk, new MachineSpec.KernelBoot(kernel, initrd, cmdline == null ? "" : cmdline),
					diskFormat);
		}
		return new BootMedia(disk, null, diskFormat);
	}
}
