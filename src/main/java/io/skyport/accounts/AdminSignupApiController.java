package io.skyport.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Operators decide vendor and reseller sign-up requests.
 */
@RestController
@RequestMapping("/api/v1/admin/signup-requests")
@Tag(name = "Administration")
class AdminSignupApiController {

	private final Registration registration;

	AdminSignupApiController(Registration registration) {
		this.registration = registration;
	}

	record SignupRequestResponse(UUID id, String organisationType, String status) {
	}

	record SignupRequestDetails(UUID id, String organisationType, String organisationName, String name, String email,
			@Nullable String message, String status, @Nullable String decisionReason, Instant createdAt,
			@Nullable Instant decidedAt) {

		static SignupRequestDetails of(Registration.SignupRequestView request) {
			return new SignupRequestDetails(request.id(), request.organisationType().name(), request.organisationName(),
					request.name(), request.email(), request.message(), request.status().name(),
					request.decisionReason(), request.createdAt(), request.decidedAt());
		}
	}

	record RejectBody(@Nullable String reason) {
	}

	record Approved(UUID userId, UUID organisationId, String email) {
	}

	@GetMapping
	@Operation(summary = "Pending requests first, then the 50 most recent decisions")
	List<SignupRequestDetails> list() {
		return java.util.stream.Stream.concat(registration.pendingRequests().stream(),
				registration.recentlyDecidedRequests().stream()).map(SignupRequestDetails::of).toList();
	}

	@PostMapping("/{id}/approve")
	@Operation(summary = "Approve: creates the organisation and its owner, who can then sign in")
	Approved approve(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID id) {
		CurrentUser created = registration.approve(id, operator.userId());
		return new Approved(created.userId().id(), created.organisationId().id(), created.email());
	}

	@PostMapping("/{id}/reject")
	@Operation(summary = "Reject with a reason the applicant sees when trying to sign in")
	ResponseEntity<Void> reject(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID id,
			@RequestBody RejectBody body) {
		registration.reject(id, operator.userId(), body.reason() == null ? "" : body.reason());
		return ResponseEntity.noContent().build();
	}
}
