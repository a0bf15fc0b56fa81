package io.skyport.compute.instances;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A customer's projects. */
@RestController
@Tag(name = "Projects")
class ProjectApiController {

	private final ProjectService projects;

	ProjectApiController(ProjectService projects) {
		this.projects = projects;
	}

	@GetMapping("/api/v1/projects")
	@Operation(summary = "Your organisation's projects")
	List<ProjectService.ProjectView> list(@AuthenticationPrincipal CurrentUser user) {
		return projects.list(user.organisationId());
	}

	@PostMapping("/api/v1/projects")
	@Operation(summary = "Create a project: {\"name\", \"description\"}")
	ResponseEntity<ProjectService.ProjectView> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody ProjectService.ProjectForm form) {
		ProjectService.ProjectView project = projects.create(user.organisationId(), form);
		return ResponseEntity.created(URI.create("/api/v1/projects/" + project.id())).body(project);
	}

	@GetMapping("/api/v1/projects/{id}")
	@Operation(summary = "One project")
	ProjectService.ProjectView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return projects.get(user.organisationId(), id);
	}

	@PutMapping("/api/v1/projects/{id}")
	@Operation(summary = "Rename or describe a project")
	ProjectService.ProjectView update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestBody ProjectService.ProjectForm form) {
		return projects.update(user.organisationId(), id, form);
	}

	@DeleteMapping("/api/v1/projects/{id}")
	@Operation(summary = "Delete an empty project")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		projects.delete(user.organisationId(), id);
		return ResponseEntity.noContent().build();
	}
}
