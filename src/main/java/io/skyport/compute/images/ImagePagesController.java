package io.skyport.compute.images;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.compute.OsFamily;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's image registry pages: the list with the register form, and each image's page with its fields, its
 * files (uploaded here) and its copies on the nodes (a failed one retried here). The upload form is a plain multipart
 * form (up to {@code spring.servlet.multipart.max-file-size}); with JavaScript, {@code image-upload.js} streams the
 * file as {@code application/octet-stream} instead, without that limit.
 */
@Controller
class ImagePagesController {

	private final ImageRegistry registry;
	private final ImageImports imports;
	private final ImageCopying copying;

	ImagePagesController(ImageRegistry registry, ImageImports imports, ImageCopying copying) {
		this.registry = registry;
		this.imports = imports;
		this.copying = copying;
	}

	@GetMapping("/panel/admin/images")
	String list(Model model) {
		return listPage(model, ImageRegistry.ImageForm.inPlace(null, "DEBIAN", null, null, 10, null), FormErrors.none());
	}

	@PostMapping("/panel/admin/images")
	String create(@ModelAttribute("form") ImageRegistry.ImageForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return listPage(model, form, FormErrors.of(binding));
		}
		try {
			ImageRegistry.ImageView image = registry.create(form);
			redirect.addFlashAttribute("notice", "Registered the image '" + image.name() + "'."
					+ (image.files().isEmpty() ? "" : " Its files are imported in the background; upload the ones "
							+ "marked for upload on its page."));
			return image.files().isEmpty() ? "redirect:/panel/admin/images" : "redirect:/panel/admin/images/" + image.id();
		}
		catch (InvalidInputException ex) {
			return listPage(model, form, FormErrors.of(ex));
		}
	}

	@GetMapping("/panel/admin/images/{id}")
	String edit(@PathVariable UUID id, Model model) {
		ImageRegistry.ImageView image = registry.get(id);
		return editPage(model, image, new ImageRegistry.ImageForm(image.name(), image.osFamily().name(), image.source(),
				image.defaultSshUser(), image.minDiskGib(), image.description(), image.boot(), image.sha256(),
				image.kernel(), image.kernelSha256(), image.initrd(), image.initrdSha256(), image.kernelCmdline()),
				FormErrors.none());
	}

	@PostMapping("/panel/admin/images/{id}")
	String update(@PathVariable UUID id, @ModelAttribute("form") ImageRegistry.ImageForm form, BindingResult binding,
			Model model, RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return editPage(model, registry.get(id), form, FormErrors.of(binding));
		}
		try {
			ImageRegistry.ImageView image = registry.update(id, form);
			redirect.addFlashAttribute("notice", "Saved the image '" + image.name() + "'.");
			return "redirect:/panel/admin/images";
		}
		catch (InvalidInputException ex) {
			return editPage(model, registry.get(id), form, FormErrors.of(ex));
		}
	}

	@PostMapping("/panel/admin/images/{id}/deprecate")
	String deprecate(@PathVariable UUID id, RedirectAttributes redirect) {
		return changeStatus(() -> registry.deprecate(id), "no longer offered to new plans", redirect);
	}

	@PostMapping("/panel/admin/images/{id}/restore")
	String restore(@PathVariable UUID id, RedirectAttributes redirect) {
		return changeStatus(() -> registry.restore(id), "offered again", redirect);
	}

	@PostMapping("/panel/admin/images/{id}/files/{kind}")
	String upload(@PathVariable UUID id, @PathVariable String kind, @RequestParam("file") MultipartFile file,
			RedirectAttributes redirect) {
		ImageFile.Kind fileKind = kind(id, kind);
		try (InputStream content = file.getInputStream()) {
			imports.upload(id, fileKind, content);
			redirect.addFlashAttribute("notice", "Uploaded the " + kind + ": its sha256 matches.");
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		catch (IOException ex) {
			redirect.addFlashAttribute("notice", "The upload broke off; nothing was kept. Upload it again.");
		}
		return "redirect:/panel/admin/images/" + id;
	}

	/** What {@code image-upload.js} sends: the file itself, streamed; answers 204 or 400/409 with the reason. */
	@PostMapping(path = "/panel/admin/images/{id}/files/{kind}", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ResponseEntity<String> stream(@PathVariable UUID id, @PathVariable String kind, InputStream content) {
		ImageFile.Kind fileKind = kind(id, kind);
		try {
			imports.upload(id, fileKind, content);
			return ResponseEntity.noContent().build();
		}
		catch (InvalidInputException ex) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
		}
		catch (ConflictException ex) {
			return ResponseEntity.status(409).contentType(MediaType.TEXT_PLAIN).body(ex.getMessage());
		}
	}

	@PostMapping("/panel/admin/images/{id}/copies/{nodeId}/retry")
	String retryCopy(@PathVariable UUID id, @PathVariable UUID nodeId, RedirectAttributes redirect) {
		registry.get(id);
		try {
			copying.retry(id, nodeId);
			redirect.addFlashAttribute("notice", "The copy is made again.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/admin/images/" + id;
	}

	private ImageFile.Kind kind(UUID id, String kind) {
		registry.get(id);
		ImageFile.Kind fileKind = ImageFile.Kind.ofPath(kind);
		if (fileKind == null) {
			throw NotFoundException.of("image file", kind);
		}
		return fileKind;
	}

	private String changeStatus(java.util.function.Supplier<ImageRegistry.ImageView> change, String what,
			RedirectAttributes redirect) {
		try {
			ImageRegistry.ImageView image = change.get();
			redirect.addFlashAttribute("notice", "The image '" + image.name() + "' is " + what + ".");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/admin/images";
	}

	private String listPage(Model model, ImageRegistry.ImageForm form, FormErrors errors) {
		model.addAttribute("images", registry.all());
		model.addAttribute("families", OsFamily.values());
		model.addAttribute("boots", Image.Boot.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-images";
	}

	private String editPage(Model model, ImageRegistry.ImageView image, ImageRegistry.ImageForm form, FormErrors errors) {
		model.addAttribute("image", image);
		model.addAttribute("families", OsFamily.values());
		model.addAttribute("boots", Image.Boot.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-image";
	}
}
