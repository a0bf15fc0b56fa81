package io.skyport.compute.instances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationId;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceNaming;
import io.skyport.compute.ProjectId;
import io.skyport.compute.NewInstance;
import io.skyport.compute.placement.PlacementDecision;
import io.skyport.compute.placement.PlacementRequest;
import io.skyport.compute.placement.Placements;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Records instances (validated and placed in one transaction) and answers who may see which: an instance is visible
 * to its organisation and to operators; to anyone else it does not exist.
 */
@Service
class InstanceRegistry implements InstanceNaming {

	private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
	private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}._:/=+-]{1,50}");
	static final TextRule DESCRIPTION = new TextRule("description", 1000, "", "the description");
	static final int MAX_TAGS = 20;

	private final Instances instances;
	private final ProjectService projects;
	private final Placements placements;
	private final ComputeImages images;
	private final Accounts accounts;
	private final InstanceViews views;
	private final Clock clock;

	InstanceRegistry(Instances instances, ProjectService projects, Placements placements, ComputeImages images,
			Accounts accounts, InstanceViews views, Clock clock) {
		this.instances = instances;
		this.projects = projects;
		this.placements = placements;
		this.images = images;
		this.accounts = accounts;
		this.views = views;
		this.clock = clock;
	}

	/** Validates, places and records a new instance with the caller's ID, in one transaction. */
	@Transactional
	InstanceDetails create(InstanceId id, NewInstance request) {
		validate(request);
		ImageSummary image = images.find(request.imageId())
			.filter(ImageSummary::available)
			.orElseThrow(() -> InvalidInputException.of("imageId", "There is no available image " + request.imageId() + "."));
		if (request.rootDiskGib() < image.minDiskGib()) {
			throw InvalidInputException.of("rootDiskGib", "The image " + image.name() + " needs a root disk of at least "
					+ image.minDiskGib() + " GiB.");
		}
		accounts.authorizedKeys(request.ownerId(), request.sshKeyIds());
		Project project = projects.projectFor(request.ownerId(), request.projectId());
		boolean nameTaken = instances.findLiveByOrganisation(request.ownerId().id())
			.stream()
			.anyMatch(existing -> existing.projectId().equals(project.id()) && existing.name().equals(request.name()));
		if (nameTaken) {
			throw new ConflictException("The project " + project.name() + " already has an instance named "
					+ request.name() + ".");
		}
		int dataDisk = request.dataDiskGib() == null ? 0 : request.dataDiskGib();
		PlacementDecision placement = placements.reserve(new PlacementRequest(id, request.region(), request.vcpus(),
				request.memoryMib(), (long) request.rootDiskGib() + dataDisk, request.antiAffinityGroup()));
		return views.details(instances.saveAndFlush(new Instance(id, project.id(), request, placement.nodeId(),
				clock.instant())));
	}

	@Transactional(readOnly = true)
	Optional<InstanceDetails> find(InstanceId id) {
		return instances.findById(id.id()).map(views::details);
	}

	@Transactional(readOnly = true)
	List<InstanceDetails> ofOrganisation(OrganisationId organisationId) {
		InstanceViews.Names names = views.names();
		return instances.findLiveByOrganisation(organisationId.id()).stream().map(names::details).toList();
	}

	/** A page of what the viewer may list: operators every instance, everyone else their organisation's. */
	@Transactional(readOnly = true)
	InstanceQuery.Page search(InstanceQuery query) {
		InstanceViews.Names names = views.names();
		org.springframework.data.domain.Page<Instance> found = instances.search(query.organisationId(), query.nodeId(),
				query.state(), PageRequest.of(query.page(), query.size()));
		return new InstanceQuery.Page(found.getContent().stream().map(names::details).toList(), query.page(),
				query.size(), found.getTotalElements());
	}

	@Transactional(readOnly = true)
	InstanceDetails get(CurrentUser viewer, UUID id) {
		return views.details(visible(viewer, id));
	}

	/** @throws NotFoundException if the instance does not exist or belongs to another organisation. */
	Instance visible(CurrentUser viewer, UUID id) {
		Optional<Instance> instance = viewer.isOperator() ? instances.findById(id)
				: instances.findByIdAndOrganisationId(id, viewer.organisationId().id());
		return instance.orElseThrow(() -> NotFoundException.of("instance", id));
	}

	@Override
	@Transactional(readOnly = true)
	public void check(OrganisationId ownerId, @org.jspecify.annotations.Nullable ProjectId projectId, String name,
			@org.jspecify.annotations.Nullable String description, List<String> tags) {
		List<Violation> violations = new ArrayList<>();
		validateNaming(name, description, tags, violations);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Optional<Project> project = projectId != null
				? projects.findOwned(ownerId, projectId)
				: projects.findDefault(ownerId);
		if (project.isPresent() && instances.findLiveByOrganisation(ownerId.id())
			.stream()
			.anyMatch(existing -> existing.projectId().equals(project.get().id()) && existing.name().equals(name))) {
			throw new ConflictException("The project " + project.get().name() + " already has a server named " + name
					+ ".");
		}
	}

	private static void validateNaming(String name, @org.jspecify.annotations.Nullable String description,
			List<String> tags, List<Violation> violations) {
		if (!HOST_NAME.matcher(name).matches()) {
			violations.add(new Violation("name", "Use 1 to 63 lower-case letters, digits and hyphens for the name, "
					+ "starting and ending with a letter or digit (it becomes the host name)."));
		}
		DESCRIPTION.optional(description, violations);
		if (tags.size() > MAX_TAGS) {
			violations.add(new Violation("tags", "Use at most " + MAX_TAGS + " tags."));
		}
		tags.stream().filter(tag -> tag == null || !TAG.matcher(tag).matches()).findFirst().ifPresent(tag -> violations
			.add(new Violation("tags", "The tag '" + tag + "' is not valid: use up to 50 letters, digits and ._:/=+-")));
	}

	private static void validate(NewInstance request) {
		List<Violation> violations = new ArrayList<>();
		validateNaming(request.name(), request.description(), request.tags(), violations);
		if (request.vcpus() < 1 || request.vcpus() > 256) {
			violations.add(new Violation("vcpus", "Choose between 1 and 256 vCPUs."));
		}
		if (request.memoryMib() < 128 || request.memoryMib() > 4L * 1024 * 1024) {
			violations.add(new Violation("memoryMib", "Choose between 128 MiB and 4 TiB of memory."));
		}
		if (request.rootDiskGib() < 1 || request.rootDiskGib() > 65536) {
			violations.add(new Violation("rootDiskGib", "Choose a root disk between 1 GiB and 64 TiB."));
		}
		if (request.dataDiskGib() != null && (request.dataDiskGib() < 1 || request.dataDiskGib() > 65536)) {
			violations.add(new Violation("dataDiskGib", "Choose a data disk between 1 GiB and 64 TiB, or none."));
		}
		if (request.dataDiskGib() == null) {
			if (request.dataDiskMountPoint() != null && !request.dataDiskMountPoint().isBlank()) {
				violations.add(new Violation("dataDiskMountPoint", "A mount point needs a data disk: give its size too, "
						+ "or leave the mount point out."));
			}
		}
		else {
			DataDiskMountPoints.normalise("dataDiskMountPoint", request.dataDiskMountPoint(), violations);
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
	}
}
