package io.skyport.catalog;

import java.io.IOException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * The logo and screenshot forms of the product page in the vendor panel. Each answers with the product page: the
 * outcome as a notice, a refused file as a message in the media section.
 */
@Controller
class ProductMediaPagesController {

	private final MediaService media;

	ProductMediaPagesController(MediaService media) {
		this.media = media;
	}

	@PostMapping("/panel/vendor/products/{id}/logo")
	String logo(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes redirect) throws IOException {
		return upload(id, redirect, () -> {
			media.uploadLogo(user, id, MediaApiController.bytes(file));
			return "The logo was updated; the product's colours now follow it.";
		});
	}

	@PostMapping("/panel/vendor/products/{id}/screenshots")
	String screenshot(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable MultipartFile file,
			@RequestParam(required = false) @Nullable String caption, RedirectAttributes redirect) throws IOException {
		return upload(id, redirect, () -> {
			media.addScreenshot(user, id, MediaApiController.bytes(file), caption);
			return "The screenshot was added.";
		});
	}

	@PostMapping("/panel/vendor/products/{id}/screenshots/{screenshotId}/delete")
	String deleteScreenshot(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID screenshotId, RedirectAttributes redirect) {
		media.deleteScreenshot(user, id, screenshotId);
		redirect.addFlashAttribute("notice", "The screenshot was deleted.");
		return "redirect:/panel/vendor/products/" + id + "#media";
	}

	@FunctionalInterface
	private interface Upload {
		String run() throws IOException;
	}

	private static String upload(UUID id, RedirectAttributes redirect, Upload upload) throws IOException {
		try {
			redirect.addFlashAttribute("notice", upload.run());
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("mediaProblem", ex.getMessage());
		}
		return "redirect:/panel/vendor/products/" + id + "#media";
	}
}
