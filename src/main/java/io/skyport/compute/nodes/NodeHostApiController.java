package io.skyport.compute.nodes;

import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What hosts call themselves, with their own tokens instead of a user's: enrolment and heartbeats.
 */
@RestController
@Tag(name = "Compute nodes")
class NodeHostApiController {

	private final NodeEnrolment enrolment;

	NodeHostApiController(NodeEnrolment enrolment) {
		this.enrolment = enrolment;
	}

	@PostMapping(NodesWebConfiguration.ENROL)
	@Operation(summary = "A host registers itself as a node (Authorization: Bearer <enrolment token>)",
			description = "Body: name, uri, region (optional when the token names one), virtType, vcpus, memoryMib, "
					+ "diskGib, networkMode, networkSource, storagePool, datasourceBaseUrl, heartbeatIntervalSeconds. "
					+ "Answers 201 with the node's id and its heartbeat token, shown this once. See "
					+ "docs/compute-node-enrol.sh.")
	@SecurityRequirements
	ResponseEntity<NodeEnrolment.Enrolled> enrol(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
	@Nullable String authorization, @RequestBody(required = false) NodeEnrolment.@Nullable EnrolRequest request) {
		NodeEnrolment.Enrolled enrolled = enrolment.enrol(authorization, request);
		return ResponseEntity.created(URI.create(NodesWebConfiguration.NODES + "/" + enrolled.id())).body(enrolled);
	}

	@PutMapping(NodesWebConfiguration.HEARTBEAT)
	@Operation(summary = "A node says it is alive (Authorization: Bearer <its heartbeat token>)",
			description = "Optional body: freeMemoryMib, freeDiskGib. Answers 204.")
	@SecurityRequirements
	ResponseEntity<Void> heartbeat(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) NodeEnrolment.@Nullable Heartbeat heartbeat) {
		enrolment.heartbeat(nodeId(id), authorization, heartbeat);
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(InvalidTokenException.class)
	ResponseEntity<ProblemDetail> invalidToken(InvalidTokenException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(HttpStatus.UNAUTHORIZED, ex.getMessage(), request));
	}

	/** An ID that is not one is answered like a wrong token, not with a hint. */
	private static UUID nodeId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTokenException();
		}
	}
}
