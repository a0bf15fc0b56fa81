package io.skyport.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's SSH public keys. Someone else's key answers 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/v1/ssh-keys")
@Tag(name = "SSH keys")
class SshKeyApiController {

	private final SshKeyService keys;

	SshKeyApiController(SshKeyService keys) {
		this.keys = keys;
	}

	record AddSshKeyRequest(@Nullable String name, @Nullable String publicKey) {
	}

	record SshKeyResponse(UUID id, String name, String type, int bits, String fingerprint, String publicKey,
			@Nullable String comment, Instant createdAt) {

		static SshKeyResponse of(SshKeyService.SshKeyView key) {
			return new SshKeyResponse(key.id(), key.name(), key.type(), key.bits(), key.fingerprint(), key.publicKey(),
					key.comment(), key.createdAt());
		}
	}

	@PostMapping
	@Operation(summary = "Add an SSH public key",
			description = "OpenSSH ssh-ed25519, ecdsa-sha2-nistp256/384/521, or ssh-rsa of at least 2048 bits. "
					+ "A blank name takes the key's comment.")
	ResponseEntity<SshKeyResponse> add(@AuthenticationPrincipal CurrentUser user, @RequestBody AddSshKeyRequest request) {
		SshKeyResponse key = SshKeyResponse.of(keys.add(user.userId(), request.name(), request.publicKey()));
		return ResponseEntity.created(URI.create("/api/v1/ssh-keys/" + key.id())).body(key);
	}

	@GetMapping
	@Operation(summary = "List your SSH public keys")
	List<SshKeyResponse> list(@AuthenticationPrincipal CurrentUser user) {
		return keys.list(user.userId()).stream().map(SshKeyResponse::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get one of your SSH public keys")
	SshKeyResponse get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return SshKeyResponse.of(keys.get(user.userId(), id));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete one of your SSH public keys")
	ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		keys.delete(user.userId(), id);
		return ResponseEntity.noContent().build();
	}
}
