package io.skyport.compute.images;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.compute.OsFamily;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's image registry pages.
 */
@Controller
class ImagePagesController {

	private final ImageRegistry registry;

	ImagePagesController(ImageRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/panel/admin/images")
	String list(Model model) {
		return listPage(model, new ImageRegistry.ImageForm(null, "DEBIAN", null, null, 10, null), FormErrors.none());
	}

	@PostMapping("/panel/admin/images")
	String create(@ModelAttribute("form") ImageRegistry.ImageForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return listPage(model, form, FormErrors.of(binding));
		}
		try {
			ImageRegistry.ImageView image = registry.create(form);
			redirect.addFlashAttribute("notice", "Registered the image '" + image.name() + "'.");
			return "redirect:/panel/admin/images";
		}
		catch (InvalidInputException ex) {
			return listPage(model, form, FormErrors.of(ex));
		}
	}

	@GetMapping("/panel/admin/images/{id}")
	String edit(@PathVariable UUID id, Model model) {
		ImageRegistry.ImageView image = registry.get(id);
		return editPage(model, image, new ImageRegistry.ImageForm(image.name(), image.osFamily().name(), image.source(),
				image.defaultSshUser(), image.minDiskGib(), image.description()), FormErrors.none());
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
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-images";
	}

	private String editPage(Model model, ImageRegistry.ImageView image, ImageRegistry.ImageForm form, FormErrors errors) {
		model.addAttribute("image", image);
		model.addAttribute("families", OsFamily.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-image";
	}
}
