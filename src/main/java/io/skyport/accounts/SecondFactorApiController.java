package io.skyport.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's own second factors: the authenticator app (TOTP), recovery codes and passkeys. Passkeys are added in
 * a browser (WebAuthn needs one); here they are listed, renamed and removed.
 */
@RestController
@RequestMapping(SecondFactorApiController.PATH)
@Tag(name = "Authentication")
class SecondFactorApiController {

	static final String PATH = "/api/v1/me/second-factors";

	private final SecondFactors factors;

	SecondFactorApiController(SecondFactors factors) {
		this.factors = factors;
	}

	record SecondFactorsResponse(Totp totp, int recoveryCodesLeft, List<Passkey> passkeys) {

		record Totp(boolean enabled, @Nullable Instant enabledAt) {
		}
	}

	record Passkey(String id, String label, @Nullable Instant createdAt, @Nullable Instant lastUsedAt) {

		static Passkey of(SecondFactors.Passkey passkey) {
			return new Passkey(passkey.id(), passkey.label(), passkey.createdAt(), passkey.lastUsedAt());
		}
	}

	record TotpEnrolmentResponse(String secret, String otpauthUri) {
	}

	record CodeRequest(@Nullable @Size(max = 100) String code) {
	}

	record DisableTotpRequest(@Nullable @Size(max = 100) String code, @Nullable @Size(max = 1000) String password) {
	}

	record RecoveryCodesResponse(List<String> recoveryCodes) {
	}

	record RenamePasskeyRequest(@Nullable String label) {
	}

	@GetMapping
	@Operation(summary = "Your second factors: authenticator app, unused recovery codes, passkeys")
	SecondFactorsResponse get(@AuthenticationPrincipal CurrentUser user) {
		SecondFactors.Status status = factors.status(user);
		return new SecondFactorsResponse(new SecondFactorsResponse.Totp(status.totpEnabled(), status.totpEnabledAt()),
				status.recoveryCodesLeft(), status.passkeys().stream().map(Passkey::of).toList());
	}

	@PostMapping("/totp")
	@Operation(summary = "Start setting up an authenticator app",
			description = "Returns a new secret (Base32) and its otpauth:// URI; the app is on only after "
					+ "POST /totp/confirmation with a current code. 409 if one is already on.")
	ResponseEntity<TotpEnrolmentResponse> startTotp(@AuthenticationPrincipal CurrentUser user) {
		SecondFactors.TotpEnrolment enrolment = factors.startTotp(user);
		return ResponseEntity.created(URI.create(PATH + "/totp")).body(new TotpEnrolmentResponse(enrolment.secret(), enrolment.uri()));
	}

	@PostMapping("/totp/confirmation")
	@Operation(summary = "Turn the authenticator app on with a current code",
			description = "Returns 10 single-use recovery codes: the only time they are shown. 400 for a wrong code.")
	RecoveryCodesResponse confirmTotp(@AuthenticationPrincipal CurrentUser user, @RequestBody CodeRequest request) {
		return new RecoveryCodesResponse(factors.confirmTotp(user.userId(), request.code()));
	}

	@PostMapping("/totp/deactivation")
	@Operation(summary = "Turn the authenticator app off",
			description = "Needs a current code or the account's password (400 otherwise); deletes the recovery codes.")
	ResponseEntity<Void> disableTotp(@AuthenticationPrincipal CurrentUser user, @RequestBody DisableTotpRequest request) {
		factors.disableTotp(user.userId(), request.code(), request.password());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/recovery-codes")
	@Operation(summary = "Replace your recovery codes", description = "The old ones stop working. 409 without an authenticator app.")
	RecoveryCodesResponse regenerate(@AuthenticationPrincipal CurrentUser user) {
		return new RecoveryCodesResponse(factors.regenerateRecoveryCodes(user.userId()));
	}

	@PutMapping("/passkeys/{id}")
	@Operation(summary = "Rename one of your passkeys")
	Passkey renamePasskey(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
			@RequestBody RenamePasskeyRequest request) {
		return Passkey.of(factors.renamePasskey(user, id, request.label()));
	}

	@DeleteMapping("/passkeys/{id}")
	@Operation(summary = "Remove one of your passkeys", description = "404 for an unknown passkey or another user's.")
	ResponseEntity<Void> removePasskey(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
		factors.removePasskey(user, id);
		return ResponseEntity.noContent().build();
	}
}
