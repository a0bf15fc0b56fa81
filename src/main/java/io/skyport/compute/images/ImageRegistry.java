package io.skyport.compute.images;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.compute.ComputeImages;
import io.skyport.compute.ImageChanged;
import io.skyport.compute.ImageId;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.OsFamily;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * The operator-managed registry of OS images. An image's files are either used in place on the hosts (a
 * {@code pool/volume}, or a path or URL given without a sha256: how images were registered before files were
 * imported) or imported into Skyport's image store and copied into every node's pool ({@link ImageImports},
 * {@link ImageCopying}): every file given with a sha256 — uploaded, downloaded from an http(s) URL or read from an
 * absolute path on Skyport's server.
 */
@Service
public class ImageRegistry implements ComputeImages {

	static final TextRule NAME = new TextRule("name", 100, "Give the image a name, e.g. Debian 12.", "the name");
	static final TextRule DESCRIPTION = new TextRule("description", 1000, "", "the description");

	/** The longest kernel command line an operator may give. */
	static final int MAX_CMDLINE = 1000;

	private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
	private static final Pattern POOL_VOLUME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.+-]+");
	private static final Pattern HOST_PATH = Pattern.compile("/[A-Za-z0-9_.+/-]+");
	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final Images images;
	private final ImageImports imports;
	private final ImageCopying copying;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	ImageRegistry(Images images, ImageImports imports, ImageCopying copying, Clock clock,
			ApplicationEventPublisher events) {
		this.images = images;
		this.imports = imports;
		this.copying = copying;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * An image as submitted by an operator, before validation.
	 *
	 * @param source the disk: {@code pool/volume}, an absolute path or an http(s) URL; with {@code sha256} a path or
	 *        URL is imported, and an empty source means the disk is uploaded.
	 * @param boot {@code DISK} (the default) or {@code KERNEL}.
	 * @param kernel for {@code KERNEL}: an absolute path or http(s) URL of the kernel, or empty to upload it.
	 * @param initrd for {@code KERNEL}, optional: the initrd the same way (given by it or by {@code initrdSha256}).
	 */
	public record ImageForm(@Nullable String name, @Nullable String osFamily, @Nullable String source,
			@Nullable String defaultSshUser, @Nullable Integer minDiskGib, @Nullable String description,
			@Nullable String boot, @Nullable String sha256, @Nullable String kernel, @Nullable String kernelSha256,
			@Nullable String initrd, @Nullable String initrdSha256, @Nullable String kernelCmdline) {

		/** An image that boots from a disk used in place on the hosts. */
		public static ImageForm inPlace(@Nullable String name, @Nullable String osFamily, @Nullable String source,
				@Nullable String defaultSshUser, @Nullable Integer minDiskGib, @Nullable String description) {
			return new ImageForm(name, osFamily, source, defaultSshUser, minDiskGib, description, null, null, null, null,
					null, null, null);
		}
	}

	/** A file of an image as operators see it. */
	public record FileView(String kind, String origin, @Nullable String location, String sha256, @Nullable Long size,
			@Nullable String format, String state, @Nullable String reason, Instant updatedAt) {

		static FileView of(ImageFile file) {
			return new FileView(file.kind().path(), file.origin().name(), file.location(), file.sha256(),
					file.sizeBytes(), file.format(), file.state().name(), file.reason(), file.updatedAt());
		}
	}

	/** An image's copy on one node. */
	public record CopyView(UUID nodeId, String nodeName, String state, @Nullable String reason, long bytes,
			@Nullable Instant copiedAt) {
	}

	/**
	 * An image as operators see it: its fields as they were given (so a view can be sent back as a form), its files
	 * and their copies on the nodes.
	 */
	public record ImageView(UUID id, String name, OsFamily osFamily, @Nullable String source, String defaultSshUser,
			int minDiskGib, @Nullable String description, boolean available, String boot, @Nullable String sha256,
			@Nullable String kernel, @Nullable String kernelSha256, @Nullable String initrd,
			@Nullable String initrdSha256, @Nullable String kernelCmdline, List<FileView> files, List<CopyView> copies) {

		/** Whether every file is in the store (true for an image used in place). */
		public boolean filesReady() {
			return files.stream().allMatch(file -> file.state().equals("READY"));
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ImageSummary> find(ImageId id) {
		return images.findById(id.id()).map(Image::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> source(ImageId id) {
		return images.findById(id.id()).map(Image::source);
	}

	@Override
	@Transactional(readOnly = true)
	public List<ImageSummary> available() {
		return images.findByStatusOrderByNameAsc(Image.Status.AVAILABLE).stream().map(Image::summary).toList();
	}

	@Transactional(readOnly = true)
	public List<ImageView> all() {
		return images.findAllByOrderByNameAsc().stream().map(this::view).toList();
	}

	/**
	 * @throws NotFoundException no such image.
	 */
	@Transactional(readOnly = true)
	public ImageView get(UUID id) {
		return view(image(id));
	}

	/**
	 * Registers an image; files given with a sha256 start importing (uploads wait for {@code PUT …/files/{kind}}).
	 *
	 * @throws InvalidInputException the form names what is wrong.
	 */
	@Transactional
	public ImageView create(ImageForm form) {
		Validated valid = validate(form, null);
		Image image = save(new Image(valid.details(), clock.instant()));
		imports.declare(image.id(), valid.files());
		return changed(image, ImageChanged.Change.ADDED);
	}

	/**
	 * Changes an image. Running machines are not affected; a changed file is imported again and copied again.
	 *
	 * @throws InvalidInputException the form names what is wrong.
	 * @throws NotFoundException no such image.
	 */
	@Transactional
	public ImageView update(UUID id, ImageForm form) {
		Image image = image(id);
		Validated valid = validate(form, id);
		image.update(valid.details(), clock.instant());
		Image saved = save(image);
		imports.declare(saved.id(), valid.files());
		return changed(saved, ImageChanged.Change.UPDATED);
	}

	@Transactional
	public ImageView deprecate(UUID id) {
		Image image = image(id);
		image.deprecate(clock.instant());
		return changed(images.save(image), ImageChanged.Change.DEPRECATED);
	}

	@Transactional
	public ImageView restore(UUID id) {
		Image image = image(id);
		image.restore(clock.instant());
		return changed(images.save(image), ImageChanged.Change.RESTORED);
	}

	private ImageView changed(Image image, ImageChanged.Change change) {
		events.publishEvent(new ImageChanged(new ImageId(image.id()), image.name(), change, clock.instant()));
		return view(image);
	}

	private ImageView view(Image image) {
		ImageDetails details = image.details();
		List<FileView> files = imports.files(image.id()).stream().map(FileView::of).toList();
		List<CopyView> copies = copying.copies(image.id());
		FileView disk = find(files, "disk");
		FileView kernel = find(files, "kernel");
		FileView initrd = find(files, "initrd");
		return new ImageView(image.id(), details.name(), details.osFamily(),
				details.source().isEmpty() ? null : details.source(), details.defaultSshUser(), details.minDiskGib(),
				details.description(), image.status() == Image.Status.AVAILABLE, details.boot().name(),
				disk == null ? null : disk.sha256(), kernel == null ? null : kernel.location(),
				kernel == null ? null : kernel.sha256(), initrd == null ? null : initrd.location(),
				initrd == null ? null : initrd.sha256(), details.kernelCmdline(), files, copies);
	}

	private static @Nullable FileView find(List<FileView> files, String kind) {
		return files.stream().filter(file -> file.kind().equals(kind)).findFirst().orElse(null);
	}

	private Image image(UUID id) {
		return images.findById(id).orElseThrow(() -> NotFoundException.of("image", id));
	}

	private Image save(Image image) {
		try {
			return images.saveAndFlush(image);
		}
		catch (DataIntegrityViolationException ex) {
			throw InvalidInputException.of("name", "An image with this name exists already.");
		}
	}

	private record Validated(ImageDetails details, List<ImageFile.Spec> files) {
	}

	private Validated validate(ImageForm form, @Nullable UUID existing) {
		List<Violation> violations = new ArrayList<>();
		String name = NAME.require(form.name(), violations);
		if (!name.isEmpty() && (existing == null ? images.existsByNameIgnoreCase(name)
				: images.existsByNameIgnoreCaseAndIdNot(name, existing))) {
			violations.add(new Violation("name", "An image named '" + name + "' exists already."));
		}
		OsFamily family = osFamily(form.osFamily(), violations);
		Image.Boot boot = boot(form.boot(), violations);
		List<ImageFile.Spec> files = new ArrayList<>();
		String source = blankToEmpty(form.source());
		String sha256 = sha256(form.sha256(), "sha256", violations);
		if (sha256 == null && blank(form.sha256())) {
			if (source.isEmpty()) {
				violations.add(new Violation("source", "Say where the disk is: a volume in a storage pool "
						+ "(default/debian-12.qcow2), a path on the hosts, an http(s) URL, or give its sha256 to upload it."));
			}
			else if (source.length() > 1000 || !isLibvirtSource(source)) {
				violations.add(new Violation("source", "Give a path on the hosts (/var/lib/libvirt/images/debian-12.qcow2), "
						+ "a volume in a storage pool (default/debian-12.qcow2) or an http(s) URL."));
			}
		}
		else if (sha256 != null) {
			ImageFile.Spec disk = fileSpec(ImageFile.Kind.DISK, source, sha256, "source", violations);
			if (disk != null) {
				files.add(disk);
			}
		}
		String cmdline = form.kernelCmdline() == null ? null : form.kernelCmdline().strip();
		if (boot == Image.Boot.KERNEL) {
			String kernelSha = sha256(form.kernelSha256(), "kernelSha256", violations);
			if (kernelSha == null && blank(form.kernelSha256())) {
				violations.add(new Violation("kernelSha256", "Give the kernel's sha256 (sha256sum vmlinuz)."));
			}
			if (kernelSha != null) {
				ImageFile.Spec kernel = fileSpec(ImageFile.Kind.KERNEL, blankToEmpty(form.kernel()), kernelSha, "kernel",
						violations);
				if (kernel != null) {
					files.add(kernel);
				}
			}
			String initrdSha = sha256(form.initrdSha256(), "initrdSha256", violations);
			if (initrdSha == null && !blank(form.initrd()) && blank(form.initrdSha256())) {
				violations.add(new Violation("initrdSha256", "Give the initrd's sha256 (sha256sum initrd.img)."));
			}
			if (initrdSha != null) {
				ImageFile.Spec initrd = fileSpec(ImageFile.Kind.INITRD, blankToEmpty(form.initrd()), initrdSha, "initrd",
						violations);
				if (initrd != null) {
					files.add(initrd);
				}
			}
			if (cmdline != null && (cmdline.length() > MAX_CMDLINE
					|| cmdline.codePoints().anyMatch(c -> c < 0x20 || c > 0x7e))) {
				violations.add(new Violation("kernelCmdline", "The kernel command line must be printable ASCII on one "
						+ "line, at most " + MAX_CMDLINE + " characters, e.g. root=/dev/vda console=ttyS0 rw."));
			}
		}
		else if (boot == Image.Boot.DISK) {
			for (String[] field : new String[][] { { "kernel", form.kernel() }, { "kernelSha256", form.kernelSha256() },
					{ "initrd", form.initrd() }, { "initrdSha256", form.initrdSha256() },
					{ "kernelCmdline", form.kernelCmdline() } }) {
				if (!blank(field[1])) {
					violations.add(new Violation(field[0], "Only an image that boots a kernel directly (boot KERNEL) has a "
							+ "kernel, initrd and command line."));
				}
			}
		}
		String user = form.defaultSshUser() == null ? "" : form.defaultSshUser().strip();
		if (!SSH_USER.matcher(user).matches()) {
			violations.add(new Violation("defaultSshUser", "Give the Linux user cloud-init creates, e.g. debian: "
					+ "lower-case letters, digits, - and _, at most 32 characters."));
		}
		Integer minDisk = form.minDiskGib();
		if (minDisk == null || minDisk < 1 || minDisk > 1024) {
			violations.add(new Violation("minDiskGib", "The smallest root disk must be between 1 and 1024 GiB."));
		}
		String description = DESCRIPTION.optional(form.description(), violations);
		if (!violations.isEmpty() || family == null || minDisk == null || boot == null) {
			throw new InvalidInputException(violations);
		}
		String storedCmdline = boot == Image.Boot.KERNEL ? (cmdline == null ? "" : cmdline) : null;
		return new Validated(new ImageDetails(name, family, source, user, minDisk, description, boot, storedCmdline),
				files);
	}

	/** A file to import: from an http(s) URL, from an absolute path on this server, or (empty) uploaded. */
	private static ImageFile.@Nullable Spec fileSpec(ImageFile.Kind kind, String location, String sha256, String field,
			List<Violation> violations) {
		if (location.isEmpty()) {
			return new ImageFile.Spec(kind, ImageFile.Origin.UPLOAD, null, sha256);
		}
		if (location.length() <= 1000 && isUrl(location)) {
			return new ImageFile.Spec(kind, ImageFile.Origin.URL, location, sha256);
		}
		if (location.length() <= 1000 && isPath(location)) {
			return new ImageFile.Spec(kind, ImageFile.Origin.PATH, location, sha256);
		}
		violations.add(new Violation(field, "Give an http(s) URL or an absolute path on Skyport's server to import the "
				+ kind.path() + " from, or leave it empty to upload it. (A storage-pool volume is used in place: give it "
				+ "without a sha256.)"));
		return null;
	}

	private static @Nullable String sha256(@Nullable String value, String field, List<Violation> violations) {
		if (blank(value)) {
			return null;
		}
		String sha = value.strip().toLowerCase(Locale.ROOT);
		if (!SHA256.matcher(sha).matches()) {
			violations.add(new Violation(field, "A sha256 is 64 hexadecimal digits, as sha256sum prints it."));
			return null;
		}
		return sha;
	}

	private static Image.@Nullable Boot boot(@Nullable String value, List<Violation> violations) {
		if (blank(value)) {
			return Image.Boot.DISK;
		}
		try {
			return Image.Boot.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("boot", "Choose DISK (the disk boots by itself) or KERNEL (a kernel and "
					+ "initrd are booted directly)."));
			return null;
		}
	}

	private static @Nullable OsFamily osFamily(@Nullable String value, List<Violation> violations) {
		try {
			if (value != null && !value.isBlank()) {
				return OsFamily.valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		violations.add(new Violation("osFamily", "Choose the operating system family."));
		return null;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static String blankToEmpty(@Nullable String value) {
		return value == null ? "" : value.strip();
	}

	static boolean isLibvirtSource(String source) {
		if (source.startsWith("http://") || source.startsWith("https://")) {
			return isUrl(source);
		}
		if (source.startsWith("/")) {
			return isPath(source);
		}
		return POOL_VOLUME.matcher(source).matches();
	}

	private static boolean isUrl(String source) {
		if (!source.startsWith("http://") && !source.startsWith("https://")) {
			return false;
		}
		try {
			URI uri = new URI(source);
			return uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static boolean isPath(String source) {
		return source.startsWith("/") && HOST_PATH.matcher(source).matches() && !source.contains("/../")
				&& !source.endsWith("/..") && !source.endsWith("/");
	}
}
