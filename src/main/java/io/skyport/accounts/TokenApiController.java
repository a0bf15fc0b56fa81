package io.skyport.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Personal API tokens. Creating one takes an e-mail address and password (or an authenticated caller); the
 * response is the only time the token is shown.
 */
@RestController
@RequestMapping(SecurityConfiguration.TOKENS_PATH)
@Tag(name = "Authentication")
class TokenApiController {

	private final SignIn signIn;
	private final ApiTokenService tokens;
	private final SecondFactorPolicy policy;

	TokenApiController(SignIn signIn, ApiTokenService tokens, SecondFactorPolicy policy) {
		this.signIn = signIn;
		this.tokens = tokens;
		this.policy = policy;
	}

	/** {@code totpCode}: the authenticator app's current code (or a recovery code) for accounts that have one. */
	record CreateTokenRequest(@Nullable String email, @Nullable @Size(max = 1000) String password,
			@Nullable String name, @Nullable @Size(max = 100) String totpCode) {
	}

	record CreatedToken(String token, UUID id, String name, Instant createdAt) {
	}

	record TokenResponse(UUID id, String name, String hint, Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	@PostMapping
	@Operation(summary = "Create a personal API token",
			description = "Send email and password (or call with a session or token); accounts with an authenticator app "
					+ "also send totpCode (the current code or a recovery code), else 401. Operators without a second "
					+ "factor get 403 while the operators' second-factor policy is on. The token is returned once; "
					+ "only its hash is stored.")
	@SecurityRequirements
	ResponseEntity<CreatedToken> create(@RequestBody CreateTokenRequest request,
			@AuthenticationPrincipal @Nullable CurrentUser caller) {
		CurrentUser owner = request.email() == null && request.password() == null && caller != null ? caller
				: signIn.authenticate(required(request.email(), "email", "Enter the e-mail address of your account."),
						required(request.password(), "password", "Enter your password."), request.totpCode());
		policy.checkMayCreateToken(owner);
		ApiTokenService.IssuedToken issued = tokens.issue(owner.userId(), request.name());
		return ResponseEntity.created(URI.create(SecurityConfiguration.TOKENS_PATH + "/" + issued.summary().id()))
			.body(new CreatedToken(issued.secret(), issued.summary().id(), issued.summary().name(),
					issued.summary().createdAt()));
	}

	@GetMapping
	@Operation(summary = "List your API tokens (never their secrets)")
	List<TokenResponse> list(@AuthenticationPrincipal CurrentUser user) {
		return tokens.list(user.userId()).stream()
			.map(t -> new TokenResponse(t.id(), t.name(), t.hint(), t.createdAt(), t.lastUsedAt()))
			.toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke one of your API tokens")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		tokens.revoke(user.userId(), id);
		return ResponseEntity.noContent().build();
	}

	private static String required(@Nullable String value, String field, String message) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(List.of(new Violation(field, message)));
		}
		return value;
	}
}
