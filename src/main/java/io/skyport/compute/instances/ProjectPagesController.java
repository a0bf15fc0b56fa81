package io.skyport.compute.instances;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/** A customer's projects in the control panel. */
@Controller
class ProjectPagesController {

	private final ProjectService projects;

	ProjectPagesController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/panel/projects")
	String list(@AuthenticationPrincipal CurrentUser user, Model model) {
		return listPage(user, model, new ProjectService.ProjectForm(null, null), FormErrors.none());
	}

	@PostMapping("/panel/projects")
	String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute ProjectService.ProjectForm form,
			Model model, RedirectAttributes redirect) {
		try {
			ProjectService.ProjectView project = projects.create(user.organisationId(), form);
			redirect.addFlashAttribute("notice", "Created the project " + project.name() + ".");
			return "redirect:/panel/projects";
		}
		catch (InvalidInputException ex) {
			return listPage(user, model, form, FormErrors.of(ex));
		}
		catch (ConflictException ex) {
			return listPage(user, model, form, FormErrors.of(InvalidInputException.of("name", ex.getMessage())));
		}
	}

	@GetMapping("/panel/projects/{id}")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		ProjectService.ProjectView project = projects.get(user.organisationId(), id);
		return editPage(model, project, new ProjectService.ProjectForm(project.name(), project.description()),
				FormErrors.none());
	}

	@PostMapping("/panel/projects/{id}")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@ModelAttribute ProjectService.ProjectForm form, Model model, RedirectAttributes redirect) {
		try {
			ProjectService.ProjectView project = projects.update(user.organisationId(), id, form);
			redirect.addFlashAttribute("notice", "Saved the project " + project.name() + ".");
			return "redirect:/panel/projects";
		}
		catch (InvalidInputException ex) {
			return editPage(model, projects.get(user.organisationId(), id), form, FormErrors.of(ex));
		}
		catch (ConflictException ex) {
			return editPage(model, projects.get(user.organisationId(), id), form,
					FormErrors.of(InvalidInputException.of("name", ex.getMessage())));
		}
	}

	@PostMapping("/panel/projects/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			projects.delete(user.organisationId(), id);
			redirect.addFlashAttribute("notice", "Deleted the project.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage());
		}
		return "redirect:/panel/projects";
	}

	private String listPage(CurrentUser user, Model model, ProjectService.ProjectForm form, FormErrors errors) {
		model.addAttribute("projects", projects.list(user.organisationId()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/projects";
	}

	private String editPage(Model model, ProjectService.ProjectView project, ProjectService.ProjectForm form,
			FormErrors errors) {
		model.addAttribute("project", project);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "compute/project";
	}
}
