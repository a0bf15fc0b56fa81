package io.skyport.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;
import io.skyport.platform.images.BrandColours;
import io.skyport.platform.images.ImageKind;
import io.skyport.platform.images.ImageProcessor;
import io.skyport.platform.images.ProcessedImage;
import io.skyport.storage.TransactionBoundObjects;

/**
 * Product logos and screenshots. Uploads are validated and re-encoded by {@link ImageProcessor}, stored under fresh
 * keys, and recorded in the same transaction; objects of a rolled-back upload are deleted, and objects a change
 * replaced are deleted only after the commit, so nothing is ever half-saved and no page points at a missing file.
 */
@Service
class MediaService {

	static final int MAX_SCREENSHOTS = 8;
	static final TextRule CAPTION = new TextRule("caption", 200, "", "the caption");

	private final ProductAccess access;
	private final Products products;
	private final Screenshots screenshots;
	private final ImageProcessor images;
	private final TransactionBoundObjects objects;
	private final Clock clock;

	MediaService(ProductAccess access, Products products, Screenshots screenshots, ImageProcessor images,
			TransactionBoundObjects objects, Clock clock) {
		this.access = access;
		this.products = products;
		this.screenshots = screenshots;
		this.images = images;
		this.objects = objects;
		this.clock = clock;
	}

	/** What an upload became. */
	record UploadedMedia(String kind, @Nullable UUID id, String url, String thumbnailUrl, int width, int height,
			@Nullable String brandBackground, @Nullable String brandText) {
	}

	@Transactional
	UploadedMedia uploadLogo(CurrentUser user, UUID productId, byte[] upload) {
		Product product = access.editable(user, productId);
		ProcessedImage image = images.process(upload, ImageKind.LOGO);
		String previous = product.logoKey();
		String previousThumbnail = product.logoThumbnailKey();
		BrandColours colours = Objects.requireNonNull(image.brandColours(), "a processed logo has brand colours");
		Keys keys = store(product, image, "logo");
		product.useLogo(keys.display(), keys.thumbnail(), colours.background(), colours.text(), clock.instant());
		products.save(product);
		objects.deleteAfterCommit(previous, previousThumbnail);
		return new UploadedMedia("logo", null, MediaUrls.of(keys.display()), MediaUrls.of(keys.thumbnail()), image.width(),
				image.height(), colours.background(), colours.text());
	}

	@Transactional
	UploadedMedia addScreenshot(CurrentUser user, UUID productId, byte[] upload, @Nullable String caption) {
		Product product = access.editable(user, productId);
		long count = screenshots.countByProductId(product.id());
		if (count >= MAX_SCREENSHOTS) {
			throw new ConflictException("A product has at most " + MAX_SCREENSHOTS + " screenshots; delete one first.");
		}
		List<Violation> violations = new ArrayList<>();
		String text = CAPTION.optional(caption, violations);
		if (text != null && CatalogRules.containsHtml(text)) {
			violations.add(new Violation("caption", "HTML is not allowed in a caption; use plain text."));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		ProcessedImage image = images.process(upload, ImageKind.SCREENSHOT);
		Keys keys = store(product, image, "screenshot");
		int position = screenshots.findByProductIdOrderByPosition(product.id()).stream()
			.mapToInt(Screenshot::position).max().orElse(0) + 1;
		Screenshot screenshot = screenshots.save(new Screenshot(product.productId(), position, keys.display(),
				keys.thumbnail(), image.width(), image.height(), text));
		product.changed();
		products.save(product);
		return new UploadedMedia("screenshot", screenshot.id(), MediaUrls.of(keys.display()), MediaUrls.of(keys.thumbnail()),
				image.width(), image.height(), null, null);
	}

	@Transactional
	void deleteScreenshot(CurrentUser user, UUID productId, UUID screenshotId) {
		Product product = access.editable(user, productId);
		Screenshot screenshot = screenshots.findByIdAndProductId(screenshotId, product.id())
			.orElseThrow(() -> NotFoundException.of("screenshot", screenshotId));
		screenshots.delete(screenshot);
		product.changed();
		products.save(product);
		objects.deleteAfterCommit(screenshot.objectKey(), screenshot.thumbnailKey());
	}

	private record Keys(String display, String thumbnail) {
	}

	private Keys store(Product product, ProcessedImage image, String kind) {
		String base = "public/catalog/products/" + product.id() + "/" + kind + "-" + UUID.randomUUID();
		Keys keys = new Keys(base + "." + image.fileExtension(), base + "-thumb." + image.fileExtension());
		objects.put(keys.display(), image.display(), image.contentType());
		objects.put(keys.thumbnail(), image.thumbnail(), image.contentType());
		return keys;
	}
}
