package io.skyport.accounts;

import java.net.URI;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Sign-up and password change over the API.
 */
@RestController
@Tag(name = "Accounts")
class AccountApiController {

	private final Registration registration;
	private final AccountSettings settings;

	AccountApiController(Registration registration, AccountSettings settings) {
		this.registration = registration;
		this.settings = settings;
	}

	record SignupRequestBody(@Nullable String type, @Nullable String organisationName, @Nullable String name,
			@Nullable String email, @Nullable String password, @Nullable String message) {
	}

	record AccountCreatedResponse(UUID userId, UUID organisationId, String email, String status) {
	}

	record ChangePasswordRequest(@Nullable String currentPassword, @Nullable String newPassword) {
	}

	@PostMapping(SecurityConfiguration.SIGNUP_PATH)
	@Operation(summary = "Sign up",
			description = "type CUSTOMER (default) creates the account at once (201). VENDOR and RESELLER create a request "
					+ "an operator approves (202, status PENDING).")
	@SecurityRequirements
	ResponseEntity<?> signUp(@RequestBody SignupRequestBody body) {
		Registration.SignupOutcome outcome = registration.signUp(new Registration.SignupCommand(Registration.signupType(body.type()),
				body.organisationName(), orEmpty(body.name()), orEmpty(body.email()), orEmpty(body.password()),
				body.message()));
		return switch (outcome) {
			case Registration.AccountCreated created -> ResponseEntity.created(URI.create("/api/v1/me"))
				.body(new AccountCreatedResponse(created.user().userId().id(), created.user().organisationId().id(),
						created.user().email(), "ACTIVE"));
			case Registration.RequestSubmitted submitted -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(new AdminSignupApiController.SignupRequestResponse(submitted.requestId(), submitted.type().name(),
						"PENDING"));
		};
	}

	@PostMapping("/api/v1/me/password")
	@Operation(summary = "Change your password")
	ResponseEntity<Void> changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody ChangePasswordRequest body) {
		settings.changePassword(user.userId(), orEmpty(body.currentPassword()), orEmpty(body.newPassword()));
		return ResponseEntity.noContent().build();
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}
}
