package io.skyport.accounts;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Who the caller is: lets a script check its token.
 */
@RestController
@Tag(name = "Authentication")
class MeApiController {

	record Me(UUID id, String email, String name, String role, Organisation organisation) {

		record Organisation(UUID id, String name, String type) {
		}
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The authenticated user and their organisation")
	Me me(@AuthenticationPrincipal CurrentUser user) {
		return new Me(user.userId().id(), user.email(), user.name(), user.role().name(),
				new Me.Organisation(user.organisationId().id(), user.organisationName(), user.organisationType().name()));
	}
}
