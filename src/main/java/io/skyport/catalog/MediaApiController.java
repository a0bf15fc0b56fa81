package io.skyport.catalog;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Uploading a product's logo and screenshots.
 */
@RestController
@Tag(name = "Catalog")
class MediaApiController {

	private final MediaService media;

	MediaApiController(MediaService media) {
		this.media = media;
	}

	@PostMapping(path = "/api/v1/products/{id}/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a logo or a screenshot",
			description = "Multipart: file (PNG, JPEG or WebP, at most 5 MB, at most 40 megapixels), kind = logo | "
					+ "screenshot, caption (screenshots, optional). Images are re-encoded; a logo sets the product's "
					+ "brand colours. At most 8 screenshots.")
	ResponseEntity<MediaService.UploadedMedia> upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String caption) throws IOException {
		byte[] bytes = bytes(file);
		MediaService.UploadedMedia uploaded = switch (kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT)) {
			case "logo" -> media.uploadLogo(user, id, bytes);
			case "screenshot" -> media.addScreenshot(user, id, bytes, caption);
			default -> throw InvalidInputException.of("kind", "Say what the file is: kind=logo or kind=screenshot.");
		};
		return ResponseEntity.created(URI.create(uploaded.url())).body(uploaded);
	}

	@DeleteMapping("/api/v1/products/{id}/media/{screenshotId}")
	@Operation(summary = "Delete a screenshot")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID screenshotId) {
		media.deleteScreenshot(user, id, screenshotId);
		return ResponseEntity.noContent().build();
	}

	static byte[] bytes(@Nullable MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw InvalidInputException.of("file", "Choose an image file to upload (multipart field 'file').");
		}
		return file.getBytes();
	}
}
