package io.skyport.compute.instances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeProjects;
import io.skyport.compute.ProjectId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * A customer organisation's projects. Another organisation's project is "not found".
 */
@Service
class ProjectService implements ComputeProjects {

	static final TextRule NAME = new TextRule("name", 100, "Give the project a name, e.g. Production.", "the name");
	static final TextRule DESCRIPTION = new TextRule("description", 1000, "", "the description");

	private final Projects projects;
	private final Instances instances;
	private final Clock clock;

	ProjectService(Projects projects, Instances instances, Clock clock) {
		this.projects = projects;
		this.instances = instances;
		this.clock = clock;
	}

	record ProjectForm(@Nullable String name, @Nullable String description) {
	}

	record ProjectView(UUID id, String name, @Nullable String description, long instanceCount) {
	}

	@Transactional(readOnly = true)
	List<ProjectView> list(OrganisationId organisationId) {
		return projects.findByOrganisation(organisationId.id()).stream().map(this::view).toList();
	}

	@Transactional(readOnly = true)
	ProjectView get(OrganisationId organisationId, UUID id) {
		return view(owned(organisationId, id));
	}

	@Transactional
	ProjectView create(OrganisationId organisationId, ProjectForm form) {
		List<Violation> violations = new ArrayList<>();
		String name = NAME.require(form.name(), violations);
		String description = DESCRIPTION.optional(form.description(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		requireUniqueName(organisationId, name, null);
		return view(projects.saveAndFlush(new Project(organisationId, name, description, clock.instant())));
	}

	@Transactional
	ProjectView update(OrganisationId organisationId, UUID id, ProjectForm form) {
		Project project = owned(organisationId, id);
		List<Violation> violations = new ArrayList<>();
		String name = NAME.require(form.name(), violations);
		String description = DESCRIPTION.optional(form.description(), violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		requireUniqueName(organisationId, name, id);
		project.rename(name, description, clock.instant());
		return view(projects.saveAndFlush(project));
	}

	/** @throws ConflictException while the project still holds instances. */
	@Transactional
	void delete(OrganisationId organisationId, UUID id) {
		Project project = owned(organisationId, id);
		long live = instances.countLiveInProject(id);
		if (live > 0) {
			throw new ConflictException("The project " + project.name() + " still holds " + live
					+ (live == 1 ? " instance" : " instances") + "; delete them first.");
		}
		instances.purgeDeletedInProject(id);
		projects.delete(project);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean belongsTo(ProjectId projectId, OrganisationId organisationId) {
		return projects.findByIdAndOrganisationId(projectId.id(), organisationId.id()).isPresent();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<ProjectId, String> namesOf(OrganisationId organisationId) {
		java.util.Map<ProjectId, String> names = new java.util.LinkedHashMap<>();
		projects.findByOrganisation(organisationId.id()).forEach(project -> names.put(project.id(), project.name()));
		return names;
	}

	/** The organisation's project, if it is theirs. */
	Optional<Project> findOwned(OrganisationId organisationId, ProjectId projectId) {
		return projects.findByIdAndOrganisationId(projectId.id(), organisationId.id());
	}

	/** The organisation's default project, if it was made already. */
	Optional<Project> findDefault(OrganisationId organisationId) {
		return projects.findByName(organisationId.id(), Project.DEFAULT_NAME);
	}

	/** The project a new instance goes to: the one named, or the organisation's default (made on first use). */
	@Transactional
	Project projectFor(OrganisationId organisationId, @Nullable ProjectId projectId) {
		if (projectId != null) {
			return projects.findByIdAndOrganisationId(projectId.id(), organisationId.id())
				.orElseThrow(() -> InvalidInputException.of("projectId",
						"There is no project " + projectId + " in your organisation."));
		}
		return projects.findByName(organisationId.id(), Project.DEFAULT_NAME).orElseGet(() -> {
			projects.insertIfAbsent(UUID.randomUUID(), organisationId.id(), Project.DEFAULT_NAME,
					"Instances not placed in another project.", clock.instant());
			return projects.findByName(organisationId.id(), Project.DEFAULT_NAME).orElseThrow();
		});
	}

	private Project owned(OrganisationId organisationId, UUID id) {
		return projects.findByIdAndOrganisationId(id, organisationId.id())
			.orElseThrow(() -> NotFoundException.of("project", id));
	}

	private void requireUniqueName(OrganisationId organisationId, String name, @Nullable UUID except) {
		projects.findByName(organisationId.id(), name)
			.filter(existing -> !existing.id().id().equals(except))
			.ifPresent(existing -> {
				throw new ConflictException("You already have a project named " + existing.name() + ".");
			});
	}

	private ProjectView view(Project project) {
		return new ProjectView(project.id().id(), project.name(), project.description(),
				instances.countLiveInProject(project.id().id()));
	}
}
