package io.skyport.deployer.deployments;

import java.net.URI;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.deployer.DeploymentId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Direct servers: created and deleted here, through the deployment saga; read through compute's instance API and
 * the deployment's timeline.
 */
@RestController
@Tag(name = "Instances")
class DirectServerApiController {

	private final DirectServers servers;

	DirectServerApiController(DirectServers servers) {
		this.servers = servers;
	}

	/**
	 * The deployment that builds (or removes) the server; follow it at {@code /api/v1/deployments/{deploymentId}}.
	 * {@code deploymentId} is {@literal null} when a server from before the deployer was removed directly.
	 */
	record AcceptedResponse(@Nullable UUID deploymentId, UUID instanceId) {
	}

	@PostMapping("/api/v1/instances")
	@Operation(summary = "Create a server billed by the hour (customers): a serverType, or vcpus, memoryMib and "
			+ "diskGib. Everything is checked first; the server is then built by a deployment")
	ResponseEntity<AcceptedResponse> create(@AuthenticationPrincipal CurrentUser customer,
			@RequestBody DirectServers.ServerRequest request) {
		DirectServers.Created created = servers.create(customer, request);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/deployments/" + created.deploymentId()))
			.body(new AcceptedResponse(created.deploymentId().id(), created.instanceId().id()));
	}

	@DeleteMapping("/api/v1/instances/{id}")
	@Operation(summary = "Delete a server billed by the hour at once; a subscription's server is removed by "
			+ "cancelling the subscription (409)")
	ResponseEntity<AcceptedResponse> delete(@AuthenticationPrincipal CurrentUser owner, @PathVariable UUID id) {
		DeploymentId deployment = servers.delete(owner, id);
		if (deployment == null) {
			return ResponseEntity.accepted().body(new AcceptedResponse(null, id));
		}
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/deployments/" + deployment))
			.body(new AcceptedResponse(deployment.id(), id));
	}
}
