package io.skyport.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * A user's SSH public keys, later placed on the VMs they order.
 */
@Service
class SshKeyService {

	static final int MAX_KEYS_PER_USER = 100;
	static final TextRule KEY_NAME = new TextRule("name", 100, "Give the key a name, e.g. the computer it lives on.",
			"the key name");

	private final SshKeys keys;
	private final Clock clock;

	SshKeyService(SshKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/** A key as shown to its owner. */
	record SshKeyView(UUID id, String name, String type, int bits, String fingerprint, String publicKey,
			@Nullable String comment, Instant createdAt) {
	}

	/**
	 * @param name if blank, the key's comment (e.g. {@code alice@laptop}) is used.
	 * @throws InvalidInputException for a key that is not an accepted OpenSSH public key, or a missing name.
	 * @throws ConflictException if the user already has this key.
	 */
	@Transactional
	SshKeyView add(UserId userId, @Nullable String name, @Nullable String publicKey) {
		if (publicKey == null || publicKey.isBlank()) {
			throw InvalidInputException.of("publicKey", "Paste your public key, e.g. the contents of ~/.ssh/id_ed25519.pub.");
		}
		ParsedSshKey key;
		try {
			key = SshPublicKeyParser.parse(publicKey);
		}
		catch (InvalidSshKeyException ex) {
			throw InvalidInputException.of("publicKey", ex.getMessage());
		}
		String keyName = KEY_NAME.require(name == null || name.isBlank() ? key.comment() : name);
		keys.findByUserIdAndFingerprint(userId.id(), key.fingerprint()).ifPresent(existing -> {
			throw duplicate(existing.name());
		});
		if (keys.countByUserId(userId.id()) >= MAX_KEYS_PER_USER) {
			throw new ConflictException("You have " + MAX_KEYS_PER_USER + " SSH keys, the most allowed. Delete some first.");
		}
		try {
			return view(keys.saveAndFlush(new SshKey(userId, keyName, key, clock.instant())));
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicate(keyName);
		}
	}

	@Transactional(readOnly = true)
	List<SshKeyView> list(UserId userId) {
		return keys.findByUserIdOrderByCreatedAt(userId.id()).stream().map(SshKeyService::view).toList();
	}

	@Transactional(readOnly = true)
	long count(UserId userId) {
		return keys.countByUserId(userId.id());
	}

	/** @throws NotFoundException also when the key belongs to someone else. */
	@Transactional(readOnly = true)
	SshKeyView get(UserId userId, UUID keyId) {
		return view(owned(userId, keyId));
	}

	/** @throws NotFoundException also when the key belongs to someone else. */
	@Transactional
	void delete(UserId userId, UUID keyId) {
		keys.delete(owned(userId, keyId).markRemoved());
	}

	private SshKey owned(UserId userId, UUID keyId) {
		return keys.findByIdAndUserId(keyId, userId.id()).orElseThrow(() -> NotFoundException.of("SSH key", keyId));
	}

	private static ConflictException duplicate(String existingName) {
		return new ConflictException("This key is already in your account as '" + existingName + "'.");
	}

	private static SshKeyView view(SshKey key) {
		return new SshKeyView(key.id().id(), key.name(), key.type(), key.bits(), key.fingerprint(), key.publicKey(),
				key.comment(), key.createdAt());
	}
}
