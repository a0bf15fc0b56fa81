package io.skyport.compute.instances;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.compute.InstanceDetails;
import io.skyport.compute.NodeId;
import io.skyport.platform.errors.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Instances for their owners (and operators, who see all). Creating and deleting go through orders and the
 * deployer; owners start, stop and reboot them here.
 */
@RestController
@Tag(name = "Instances")
class InstanceApiController {

	private final InstanceRegistry registry;
	private final InstanceOwnerActions operations;

	InstanceApiController(InstanceRegistry registry, InstanceOwnerActions operations) {
		this.registry = registry;
		this.operations = operations;
	}

	/**
	 * An instance; {@code nodeId}/{@code nodeName} and {@code organisationId} are shown to operators only;
	 * {@code deploymentId}/{@code subscriptionId} name what it was deployed for, if anything.
	 */
	record InstanceResponse(UUID id, UUID projectId, String projectName, String name, @Nullable String description,
			List<String> tags, String region, int vcpus, long memoryMib, int rootDiskGib, @Nullable Integer dataDiskGib,
			@Nullable String dataDiskMountPoint, UUID imageId, String imageName, String state,
			@Nullable String stateReason, List<String> addresses, @Nullable Instant configuredAt, Instant createdAt,
			Instant updatedAt, @Nullable UUID nodeId, @Nullable String nodeName, @Nullable UUID organisationId,
			@Nullable UUID deploymentId, @Nullable UUID subscriptionId) {

		static InstanceResponse of(InstanceDetails instance, CurrentUser viewer) {
			NodeId node = viewer.isOperator() ? instance.nodeId() : null;
			return new InstanceResponse(instance.id().id(), instance.projectId().id(), instance.projectName(),
					instance.name(), instance.description(), instance.tags(), instance.region(), instance.vcpus(),
					instance.memoryMib(), instance.rootDiskGib(), instance.dataDiskGib(), instance.dataDiskMountPoint(),
					instance.imageId().id(),
					instance.imageName(), instance.state().name(), instance.stateReason(), instance.addresses(),
					instance.configuredAt(), instance.createdAt(), instance.updatedAt(), node == null ? null : node.id(),
					viewer.isOperator() ? instance.nodeName() : null,
					viewer.isOperator() ? instance.ownerId().id() : null, instance.deploymentId(),
					instance.subscriptionId());
		}
	}

	/** A page of instances, newest first, and how many match in all. */
	record InstancePage(List<InstanceResponse> instances, int page, int size, long total, int totalPages) {

		static InstancePage of(InstanceQuery.Page page, CurrentUser viewer) {
			return new InstancePage(page.instances().stream().map(i -> InstanceResponse.of(i, viewer)).toList(),
					page.page(), page.size(), page.total(), page.totalPages());
		}
	}

	record ActionRequest(@Nullable String action) {

		Instance.Action parsed() {
			String value = action == null ? "" : action.strip().toUpperCase(Locale.ROOT);
			try {
				return Instance.Action.valueOf(value);
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInputException.of("action", "Say which action: start, stop or reboot.");
			}
		}
	}

	@GetMapping("/api/v1/instances")
	@Operation(summary = "Your organisation's instances, newest first (operators: everyone's), a page at a time",
			description = "page from 0, size 1–100 (default 20); state (e.g. running; without it, all but deleted); "
					+ "operators only: nodeId, organisationId. The answer says the total.")
	InstancePage list(@AuthenticationPrincipal CurrentUser viewer,
			@RequestParam(required = false) @Nullable String state, @RequestParam(required = false) @Nullable UUID nodeId,
			@RequestParam(required = false) @Nullable UUID organisationId,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + InstanceQuery.DEFAULT_SIZE) int size) {
		InstanceQuery query = InstanceQuery.parse(viewer, state, nodeId, organisationId, page, size);
		return InstancePage.of(registry.search(query), viewer);
	}

	@GetMapping("/api/v1/instances/{id}")
	@Operation(summary = "One instance")
	InstanceResponse get(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		return InstanceResponse.of(registry.get(viewer, id), viewer);
	}

	@PostMapping("/api/v1/instances/{id}/actions")
	@Operation(summary = "Start, stop (graceful, then forced) or reboot an instance: {\"action\": \"start|stop|reboot\"}")
	InstanceResponse act(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id,
			@RequestBody ActionRequest request) {
		return InstanceResponse.of(operations.act(viewer, id, request.parsed()), viewer);
	}

	@GetMapping(path = "/api/v1/instances/{id}/console", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "The tail of the instance's serial console log (up to 64 KiB)")
	String console(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		return operations.console(viewer, id);
	}

	@GetMapping(path = "/api/v1/instances/{id}/domain-xml", produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(summary = "The libvirt domain XML of an instance (operators)")
	String domainXml(@AuthenticationPrincipal CurrentUser viewer, @PathVariable UUID id) {
		return operations.definition(viewer, id);
	}
}
