package io.skyport.deployer.deployments;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.accounts.SshKeyId;
import io.skyport.billing.BillingDirectory;
import io.skyport.billing.HourlyPrice;
import io.skyport.billing.ServerPricing;
import io.skyport.compute.ComputeCapacity;
import io.skyport.compute.ComputeImages;
import io.skyport.compute.ComputeProjects;
import io.skyport.compute.ComputeInstances;
import io.skyport.compute.DataDiskMountPoints;
import io.skyport.compute.ImageId;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.ImageSummary;
import io.skyport.compute.InstanceId;
import io.skyport.compute.InstanceNaming;
import io.skyport.compute.ProjectId;
import io.skyport.compute.ServerTypeSummary;
import io.skyport.compute.ServerTypes;
import io.skyport.deployer.DeploymentId;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;

/**
 * Servers a customer creates directly, billed by the hour: every request is checked in full before anything is
 * recorded, then it becomes a deployment like an order's (same saga), with the server type and no subscription.
 */
@Service
class DirectServers {

	private final DeploymentRequests requests;
	private final Deployments deployments;
	private final ServerTypes types;
	private final ServerPricing pricing;
	private final ComputeCapacity capacity;
	private final ComputeImages images;
	private final ComputeProjects projects;
	private final InstanceNaming naming;
	private final Accounts accounts;
	private final ComputeInstances compute;
	private final BillingDirectory billing;
	private final Clock clock;

	DirectServers(DeploymentRequests requests, Deployments deployments, ServerTypes types, ServerPricing pricing,
			ComputeCapacity capacity, ComputeImages images, ComputeProjects projects, InstanceNaming naming,
			Accounts accounts, ComputeInstances compute, BillingDirectory billing, Clock clock) {
		this.compute = compute;
		this.billing = billing;
		this.requests = requests;
		this.deployments = deployments;
		this.types = types;
		this.pricing = pricing;
		this.capacity = capacity;
		this.images = images;
		this.projects = projects;
		this.naming = naming;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * A server as requested, before validation: a {@code serverType}, or {@code vcpus}, {@code memoryMib} and
	 * {@code diskGib}; {@code dataDiskMountPoint} only with a data disk ({@code /data} when absent).
	 */
	record ServerRequest(@Nullable String name, @Nullable String description, @Nullable UUID projectId,
			@Nullable List<String> tags, @Nullable String region, @Nullable Integer vcpus, @Nullable Long memoryMib,
			@Nullable Integer diskGib, @Nullable UUID imageId, @Nullable List<UUID> sshKeyIds,
			@Nullable Integer dataDiskGib, @Nullable String serverType, @Nullable String dataDiskMountPoint) {
	}

	record Created(DeploymentId deploymentId, InstanceId instanceId) {
	}

	/** The size a request asks for, and the type it names (if any). */
	record Size(@Nullable String serverType, int vcpus, long memoryMib, int diskGib, @Nullable Integer dataDiskGib) {

		long totalDiskGib() {
			return (long) diskGib + (dataDiskGib == null ? 0 : dataDiskGib);
		}
	}

	/**
	 * Checks the request and records the deployment; nothing is written when it is refused.
	 *
	 * @throws ForbiddenException for anyone but a customer.
	 * @throws InvalidInputException naming each bad field (unknown region, image, key, type; bad name, tags, size).
	 * @throws NotFoundException for a project that is not the customer's.
	 * @throws ConflictException name taken in the project, no room in the region (naming region and resource), no
	 * price for the size.
	 */
	@Transactional
	Created create(CurrentUser customer, ServerRequest request) {
		if (!customer.is(OrganisationType.CUSTOMER)) {
			throw new ForbiddenException("Only customers create servers.");
		}
		List<Violation> violations = new ArrayList<>();
		Size size = size(request, violations);
		String region = request.region() == null ? "" : request.region().strip();
		if (region.isEmpty()) {
			violations.add(new Violation("region", "Choose a region."));
		}
		else if (!capacity.regions().contains(region)) {
			violations.add(new Violation("region", "There is no region '" + shortened(region) + "'; choose one of "
					+ String.join(", ", capacity.regions()) + "."));
		}
		ImageSummary image = null;
		if (request.imageId() == null) {
			violations.add(new Violation("imageId", "Choose an image."));
		}
		else {
			image = images.find(new ImageId(request.imageId())).filter(ImageSummary::available).orElse(null);
			if (image == null) {
				violations.add(new Violation("imageId", "There is no available image " + request.imageId() + "."));
			}
			else if (size != null && size.diskGib() < image.minDiskGib()) {
				violations.add(new Violation(request.serverType() != null ? "serverType" : "diskGib", "The image "
						+ image.name() + " needs a disk of at least " + image.minDiskGib() + " GiB."));
			}
		}
		List<UUID> keys = request.sshKeyIds() == null ? List.of() : request.sshKeyIds();
		if (keys.isEmpty()) {
			violations.add(new Violation("sshKeyIds", "Choose at least one SSH key: it is how you log in."));
		}
		else if (keys.stream().anyMatch(java.util.Objects::isNull)) {
			violations.add(new Violation("sshKeyIds", "Give the IDs of your SSH keys."));
		}
		else {
			try {
				accounts.authorizedKeys(customer.organisationId(), keys.stream().map(SshKeyId::new).toList());
			}
			catch (InvalidInputException ex) {
				violations.addAll(ex.violations());
			}
		}
		String mountPoint = mountPoint(request, size, violations);
		String name = request.name() == null ? "" : request.name().strip();
		List<String> tags = request.tags() == null ? List.of() : request.tags();
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		if (billing.billingDetails(customer.organisationId()).isEmpty()) {
			throw new ConflictException("Enter your billing details first: servers are billed by the hour on your "
					+ "monthly invoice.");
		}
		if (request.projectId() != null
				&& !projects.belongsTo(new ProjectId(request.projectId()), customer.organisationId())) {
			throw NotFoundException.of("project", request.projectId());
		}
		naming.check(customer.organisationId(), request.projectId() == null ? null : new ProjectId(request.projectId()),
				name, blankToNull(request.description()), tags);
		price(size);
		capacity.requireRoom(region, size.vcpus(), size.memoryMib(), size.totalDiskGib());
		ServerSpec spec = new ServerSpec(name, blankToNull(request.description()), tags, region, size.vcpus(),
				size.memoryMib(), size.diskGib(), size.dataDiskGib(), mountPoint, request.imageId(), request.projectId(), keys);
		Deployment.Origin origin = new Deployment.Origin(null, null, null, null, null, size.serverType(), false);
		DeploymentId id = requests.create(customer.organisationId(), origin, spec);
		return new Created(id, deployments.findById(id.id()).orElseThrow().instanceId());
	}

	/**
	 * The hourly price of a size now.
	 *
	 * @throws ConflictException if operators set none.
	 */
	HourlyPrice price(Size size) {
		return pricing.hourlyPrice(size.serverType(), size.vcpus(), size.memoryMib(), size.totalDiskGib(),
				clock.instant())
			.orElseThrow(() -> new ConflictException(size.serverType() != null
					? "The server type " + size.serverType() + " has no price yet, so it cannot be ordered."
					: "Custom sizes have no price yet, so they cannot be ordered; choose a server type."));
	}

	/** The size asked for, or {@literal null} with the reasons in {@code violations}. */
	@Nullable Size size(ServerRequest request, List<Violation> violations) {
		boolean custom = request.vcpus() != null || request.memoryMib() != null || request.diskGib() != null;
		if (request.serverType() != null && !request.serverType().isBlank()) {
			if (custom) {
				violations.add(new Violation("serverType", "Give either serverType or vcpus, memoryMib and diskGib, "
						+ "not both."));
				return null;
			}
			ServerTypeSummary type = types.find(request.serverType().strip()).filter(ServerTypeSummary::active)
				.orElse(null);
			if (type == null) {
				violations.add(new Violation("serverType", "There is no server type '"
						+ shortened(request.serverType()) + "' on offer."));
				return null;
			}
			Integer dataDisk = request.dataDiskGib() != null ? request.dataDiskGib() : type.dataDiskGib();
			if (!dataDiskOk(dataDisk, violations)) {
				return null;
			}
			return new Size(type.name(), type.vcpus(), type.memoryMib(), type.diskGib(), dataDisk);
		}
		int before = violations.size();
		if (!custom) {
			violations.add(new Violation("serverType", "Choose a server type, or give vcpus, memoryMib and diskGib."));
			return null;
		}
		if (request.vcpus() == null || request.vcpus() < 1 || request.vcpus() > 256) {
			violations.add(new Violation("vcpus", "Choose between 1 and 256 vCPUs."));
		}
		if (request.memoryMib() == null || request.memoryMib() < 128 || request.memoryMib() > 4L * 1024 * 1024) {
			violations.add(new Violation("memoryMib", "Choose between 128 MiB and 4 TiB of memory (in MiB)."));
		}
		if (request.diskGib() == null || request.diskGib() < 1 || request.diskGib() > 65536) {
			violations.add(new Violation("diskGib", "Choose a disk between 1 GiB and 64 TiB."));
		}
		dataDiskOk(request.dataDiskGib(), violations);
		if (violations.size() > before) {
			return null;
		}
		return new Size(null, request.vcpus(), request.memoryMib(), request.diskGib(), request.dataDiskGib());
	}

	/** Where the data disk is mounted: only with one, {@code /data} unless the request names a directory. */
	private static @Nullable String mountPoint(ServerRequest request, @Nullable Size size, List<Violation> violations) {
		boolean named = request.dataDiskMountPoint() != null && !request.dataDiskMountPoint().isBlank();
		if (size == null) {
			return null;
		}
		if (size.dataDiskGib() == null) {
			if (named) {
				violations.add(new Violation("dataDiskMountPoint", "A mount point needs a data disk: give dataDiskGib "
						+ "too (or a server type with one), or leave the mount point out."));
			}
			return null;
		}
		return DataDiskMountPoints.normalise("dataDiskMountPoint", request.dataDiskMountPoint(), violations);
	}

	private static boolean dataDiskOk(@Nullable Integer dataDisk, List<Violation> violations) {
		if (dataDisk != null && (dataDisk < 1 || dataDisk > 65536)) {
			violations.add(new Violation("dataDiskGib", "Choose a data disk between 1 GiB and 64 TiB, or none."));
			return false;
		}
		return true;
	}

	/**
	 * The owner deletes a direct server: it is torn down at once.
	 *
	 * @throws NotFoundException for another customer's server.
	 * @throws ConflictException for a server of a subscription.
	 */
	@Nullable DeploymentId delete(CurrentUser owner, UUID instanceId) {
		InstanceId id = new InstanceId(instanceId);
		if (deployments.findByInstanceId(instanceId).isEmpty()) {
			// An instance from before the deployer (or demo data): compute removes it directly.
			InstanceDetails instance = compute.find(id)
				.filter(found -> owner.isOperator() || found.ownerId().equals(owner.organisationId()))
				.orElseThrow(() -> NotFoundException.of("instance", instanceId));
			if (instance.subscriptionId() != null) {
				throw new ConflictException("This server belongs to a subscription; cancel the subscription to "
						+ "remove it (subscription " + instance.subscriptionId() + ").");
			}
			compute.destroy(id);
			return null;
		}
		return requests.deleteServer(owner, id);
	}

	private static String shortened(String text) {
		return text.length() <= 60 ? text : text.substring(0, 59) + "…";
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
