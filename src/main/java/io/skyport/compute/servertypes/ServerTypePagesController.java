package io.skyport.compute.servertypes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.compute.ServerTypeSummary;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * The operator's server type pages: the list with a form for a new type, and one type's form.
 */
@Controller
class ServerTypePagesController {

	private final ServerTypeCatalog catalog;

	ServerTypePagesController(ServerTypeCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/panel/admin/server-types")
	String list(Model model) {
		return listPage(model, new ServerTypeCatalog.ServerTypeForm(null, 2, 4096L, 40, null, true), FormErrors.none());
	}

	@PostMapping("/panel/admin/server-types")
	String create(@ModelAttribute("form") ServerTypeCatalog.ServerTypeForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			return listPage(model, form, FormErrors.of(binding));
		}
		try {
			ServerTypeSummary type = catalog.create(form);
			redirect.addFlashAttribute("notice", "Created the server type " + type.name() + ".");
			return "redirect:/panel/admin/server-types";
		}
		catch (InvalidInputException ex) {
			return listPage(model, form, FormErrors.of(ex));
		}
		catch (ConflictException ex) {
			return listPage(model, form, FormErrors.of("name", ex.getMessage()));
		}
	}

	@GetMapping("/panel/admin/server-types/{name}")
	String edit(@PathVariable String name, Model model) {
		ServerTypeSummary type = catalog.get(name);
		return editPage(model, type, new ServerTypeCatalog.ServerTypeForm(type.name(), type.vcpus(), type.memoryMib(),
				type.diskGib(), type.dataDiskGib(), type.active()), FormErrors.none());
	}

	@PostMapping("/panel/admin/server-types/{name}")
	String update(@PathVariable String name, @ModelAttribute("form") ServerTypeCatalog.ServerTypeForm form,
			BindingResult binding, Model model, RedirectAttributes redirect) {
		ServerTypeSummary type = catalog.get(name);
		if (binding.hasErrors()) {
			return editPage(model, type, form, FormErrors.of(binding));
		}
		try {
			ServerTypeCatalog.ServerTypeForm submitted = new ServerTypeCatalog.ServerTypeForm(name, form.vcpus(),
					form.memoryMib(), form.diskGib(), form.dataDiskGib(), Boolean.TRUE.equals(form.active()));
			catalog.update(name, submitted);
			redirect.addFlashAttribute("notice", "Saved the server type " + name + ".");
			return "redirect:/panel/admin/server-types";
		}
		catch (InvalidInputException ex) {
			return editPage(model, type, form, FormErrors.of(ex));
		}
	}

	@PostMapping("/panel/admin/server-types/{name}/delete")
	String delete(@PathVariable String name, RedirectAttributes redirect) {
		catalog.delete(name);
		redirect.addFlashAttribute("notice", "Removed the server type " + name + "; its servers keep running.");
		return "redirect:/panel/admin/server-types";
	}

	private String listPage(Model model, ServerTypeCatalog.ServerTypeForm form, FormErrors errors) {
		model.addAttribute("types", catalog.all());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-server-types";
	}

	private String editPage(Model model, ServerTypeSummary type, ServerTypeCatalog.ServerTypeForm form,
			FormErrors errors) {
		model.addAttribute("type", type);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/admin-server-type";
	}
}
