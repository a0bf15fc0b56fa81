package io.skyport.compute;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
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

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * The operator-managed registry of OS images.
 */
@Service
class ImageRegistry implements ComputeImages {

	static final TextRule NAME = new TextRule("name", 100, "Give the image a name, e.g. Debian 12.", "the name");
	static final TextRule SOURCE = new TextRule("source", 1000, "Say where libvirt finds the image.", "the source");
	static final TextRule DESCRIPTION = new TextRule("description", 1000, "", "the description");

	private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
	private static final Pattern POOL_VOLUME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.+-]+");
	private static final Pattern HOST_PATH = Pattern.compile("/[A-Za-z0-9_.+/-]+");

	private final Images images;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	ImageRegistry(Images images, Clock clock, ApplicationEventPublisher events) {
		this.images = images;
		this.clock = clock;
		this.events = events;
	}

	/** An image as submitted by an operator, before validation. */
	record ImageForm(@Nullable String name, @Nullable String osFamily, @Nullable String source,
			@Nullable String defaultSshUser, @Nullable Integer minDiskGib, @Nullable String description) {
	}

	/** An image as operators see it, with its source. */
	record ImageView(UUID id, String name, OsFamily osFamily, String source, String defaultSshUser, int minDiskGib,
			@Nullable String description, boolean available) {

		static ImageView of(Image image) {
			ImageDetails details = image.details();
			return new ImageView(image.id(), details.name(), details.osFamily(), details.source(),
					details.defaultSshUser(), details.minDiskGib(), details.description(),
					image.status() == Image.Status.AVAILABLE);
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
	List<ImageView> all() {
		return images.findAllByOrderByNameAsc().stream().map(ImageView::of).toList();
	}

	@Transactional(readOnly = true)
	ImageView get(UUID id) {
		return ImageView.of(image(id));
	}

	@Transactional
	ImageView create(ImageForm form) {
		ImageDetails details = validate(form, null);
		return changed(save(new Image(details, clock.instant())), ImageChanged.Change.ADDED);
	}

	@Transactional
	ImageView update(UUID id, ImageForm form) {
		Image image = image(id);
		image.update(validate(form, id), clock.instant());
		return changed(save(image), ImageChanged.Change.UPDATED);
	}

	@Transactional
	ImageView deprecate(UUID id) {
		Image image = image(id);
		image.deprecate(clock.instant());
		return changed(images.save(image), ImageChanged.Change.DEPRECATED);
	}

	@Transactional
	ImageView restore(UUID id) {
		Image image = image(id);
		image.restore(clock.instant());
		return changed(images.save(image), ImageChanged.Change.RESTORED);
	}

	private ImageView changed(Image image, ImageChanged.Change change) {
		events.publishEvent(new ImageChanged(new ImageId(image.id()), image.name(), change, clock.instant()));
		return ImageView.of(image);
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

	private ImageDetails validate(ImageForm form, @Nullable UUID existing) {
		List<Violation> violations = new ArrayList<>();
		String name = NAME.require(form.name(), violations);
		if (!name.isEmpty() && (existing == null ? images.existsByNameIgnoreCase(name)
				: images.existsByNameIgnoreCaseAndIdNot(name, existing))) {
			violations.add(new Violation("name", "An image named '" + name + "' exists already."));
		}
		OsFamily family = osFamily(form.osFamily(), violations);
		String source = SOURCE.require(form.source(), violations);
		if (!source.isEmpty() && !isLibvirtSource(source)) {
			violations.add(new Violation("source", "Give a path on the hosts (/var/lib/libvirt/images/debian-12.qcow2), "
					+ "a volume in a storage pool (default/debian-12.qcow2) or an http(s) URL."));
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
		if (!violations.isEmpty() || family == null || minDisk == null) {
			throw new InvalidInputException(violations);
		}
		return new ImageDetails(name, family, source, user, minDisk, description);
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

	static boolean isLibvirtSource(String source) {
		if (source.startsWith("http://") || source.startsWith("https://")) {
			try {
				URI uri = new URI(source);
				return uri.getHost() != null && !uri.getHost().isBlank();
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}
		if (source.startsWith("/")) {
			return HOST_PATH.matcher(source).matches() && !source.contains("/../") && !source.endsWith("/..")
					&& !source.endsWith("/");
		}
		return POOL_VOLUME.matcher(source).matches();
	}
}
