package io.skyport.compute.nodes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Enrolment tokens for operators: hosts present one to register themselves as nodes.
 */
@RestController
@RequestMapping(NodesWebConfiguration.ENROLMENT_TOKENS)
@Tag(name = "Compute nodes")
class EnrolmentTokenApiController {

	private final NodeEnrolment enrolment;

	EnrolmentTokenApiController(NodeEnrolment enrolment) {
		this.enrolment = enrolment;
	}

	/** A new token with its secret, returned this once. */
	record CreatedToken(String token, UUID id, String name, @Nullable String region, Instant expiresAt) {
	}

	@PostMapping
	@Operation(summary = "Create an enrolment token (operators)", description = "Body {\"name\", \"region\" "
			+ "(optional: limits the token to one region), \"validHours\" (1-720, default 24)}. The token is returned "
			+ "once; only its hash is stored.")
	ResponseEntity<CreatedToken> create(@RequestBody NodeEnrolment.TokenForm form) {
		NodeEnrolment.IssuedToken issued = enrolment.issue(form);
		NodeEnrolment.TokenView token = issued.token();
		return ResponseEntity.created(URI.create(NodesWebConfiguration.ENROLMENT_TOKENS + "/" + token.id()))
			.body(new CreatedToken(issued.secret(), token.id(), token.name(), token.region(), token.expiresAt()));
	}

	@GetMapping
	@Operation(summary = "All enrolment tokens, never their secrets (operators)")
	List<NodeEnrolment.TokenView> list() {
		return enrolment.tokens();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke an enrolment token (operators); nodes it enrolled keep working")
	ResponseEntity<Void> revoke(@PathVariable UUID id) {
		enrolment.revoke(id);
		return ResponseEntity.noContent().build();
	}
}
