package io.skyport.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * A user's second factors: an authenticator app (TOTP, secret encrypted by {@link SecondFactorCipher}), single-use
 * recovery codes (SHA-256 only), and the passkeys Spring Security's WebAuthn support registered (tables
 * {@code user_entities}, {@code user_credentials}; a user's WebAuthn name is their e-mail address). Every method is
 * scoped by the caller: another user's passkey is not found.
 */
@Service
class SecondFactors {

	static final int RECOVERY_CODES = 10;
	static final TextRule PASSKEY_LABEL = new TextRule("label", 100, "Give the passkey a name, e.g. the device it is on.",
			"the passkey name");
	static final String ISSUER = "Skyport";

	private final JdbcClient jdbc;
	private final SecondFactorCipher cipher;
	private final Users users;
	private final PasswordEncoder passwords;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	SecondFactors(JdbcClient jdbc, SecondFactorCipher cipher, Users users, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.users = users;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** A registered passkey as listed; {@code id} is the credential ID (Base64url). */
	record Passkey(String id, String label, @Nullable Instant createdAt, @Nullable Instant lastUsedAt) {
	}

	record Status(boolean totpEnabled, @Nullable Instant totpEnabledAt, int recoveryCodesLeft, List<Passkey> passkeys) {

		boolean hasSecondFactor() {
			return totpEnabled || !passkeys.isEmpty();
		}
	}

	/** A started TOTP enrolment: the secret in Base32 and as the {@code otpauth://} URI of the QR code. */
	record TotpEnrolment(String secret, String uri) {
	}

	@Transactional(readOnly = true)
	Status status(CurrentUser user) {
		Optional<Instant> enabledAt = jdbc.sql("select confirmed_at from totp_authenticators where user_id = :user and confirmed_at is not null")
			.param("user", user.userId().id())
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.optional();
		int codesLeft = jdbc.sql("select count(*) from recovery_codes where user_id = :user and used_at is null")
			.param("user", user.userId().id())
			.query(Integer.class)
			.single();
		return new Status(enabledAt.isPresent(), enabledAt.orElse(null), codesLeft, passkeys(user.email()));
	}

	@Transactional(readOnly = true)
	boolean hasSecondFactor(CurrentUser user) {
		return totpEnabled(user.userId()) || jdbc.sql("""
				select exists (select 1 from user_credentials c join user_entities e on e.id = c.user_entity_user_id
				where e.name = :email)""").param("email", user.email()).query(Boolean.class).single();
	}

	@Transactional(readOnly = true)
	boolean totpEnabled(UserId userId) {
		return jdbc.sql("select exists (select 1 from totp_authenticators where user_id = :user and confirmed_at is not null)")
			.param("user", userId.id())
			.query(Boolean.class)
			.single();
	}

	/** Starts (or restarts) enrolment with a new secret; the app is enabled only by {@link #confirmTotp}. */
	@Transactional
	TotpEnrolment startTotp(CurrentUser user) {
		if (totpEnabled(user.userId())) {
			throw new ConflictException("An authenticator app is already set up. Turn it off first to set up another.");
		}
		byte[] secret = new byte[20];
		random.nextBytes(secret);
		jdbc.sql("""
				insert into totp_authenticators (user_id, secret_encrypted, created_at) values (:user, :secret, :now)
				on conflict (user_id) do update set secret_encrypted = excluded.secret_encrypted, last_used_step = 0,
				created_at = excluded.created_at""")
			.param("user", user.userId().id())
			.param("secret", cipher.encrypt(secret, associatedData(user.userId())))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return new TotpEnrolment(Totp.Base32.encode(secret), Totp.uri(ISSUER, user.email(), secret));
	}

	/** The secret of an enrolment not yet confirmed, to show it again (e.g. after a mistyped code). */
	@Transactional(readOnly = true)
	Optional<TotpEnrolment> pendingTotp(CurrentUser user) {
		return jdbc.sql("select secret_encrypted from totp_authenticators where user_id = :user and confirmed_at is null")
			.param("user", user.userId().id())
			.query((rs, row) -> rs.getBytes(1))
			.optional()
			.map(stored -> cipher.decrypt(stored, associatedData(user.userId())))
			.map(secret -> new TotpEnrolment(Totp.Base32.encode(secret), Totp.uri(ISSUER, user.email(), secret)));
	}

	/**
	 * Enables the app once the user typed a current code, and issues fresh recovery codes.
	 *
	 * @return the recovery codes: the only time they are shown.
	 * @throws InvalidInputException (field {@code code}) for a wrong code or no enrolment under way.
	 */
	@Transactional
	List<String> confirmTotp(UserId userId, @Nullable String code) {
		Optional<byte[]> stored = jdbc.sql("select secret_encrypted from totp_authenticators where user_id = :user and confirmed_at is null for update")
			.param("user", userId.id())
			.query((rs, row) -> rs.getBytes(1))
			.optional();
		if (stored.isEmpty()) {
			throw InvalidInputException.of("code", totpEnabled(userId) ? "Your authenticator app is already set up."
					: "Start setting up an authenticator app first.");
		}
		OptionalLong step = Totp.matchingStep(cipher.decrypt(stored.get(), associatedData(userId)), orEmpty(code),
				clock.instant());
		if (step.isEmpty()) {
			throw InvalidInputException.of("code",
					"That code is not right. Enter the 6 digits your authenticator app shows now for Skyport.");
		}
		jdbc.sql("update totp_authenticators set confirmed_at = :now, last_used_step = :step where user_id = :user")
			.param("now", Timestamp.from(clock.instant()))
			.param("step", step.getAsLong())
			.param("user", userId.id())
			.update();
		return newRecoveryCodes(userId);
	}

	/**
	 * Turns the app off (and drops the recovery codes) after checking a current code or the account's password.
	 *
	 * @throws InvalidInputException when neither is right.
	 */
	@Transactional
	void disableTotp(UserId userId, @Nullable String code, @Nullable String password) {
		if (!totpEnabled(userId)) {
			throw new NotFoundException("No authenticator app is set up for your account.");
		}
		boolean passwordRight = password != null && !password.isEmpty() && passwords.matches(password,
				users.findById(userId.id()).orElseThrow(() -> NotFoundException.of("user", userId)).passwordHash());
		if (!passwordRight && !useTotpCode(userId, orEmpty(code))) {
			throw InvalidInputException.of(code == null || code.isBlank() ? "password" : "code",
					"Enter a current code from your authenticator app or your password to turn it off.");
		}
		jdbc.sql("delete from totp_authenticators where user_id = :user").param("user", userId.id()).update();
		jdbc.sql("delete from recovery_codes where user_id = :user").param("user", userId.id()).update();
	}

	/** Replaces all recovery codes. @return the new codes: the only time they are shown. */
	@Transactional
	List<String> regenerateRecoveryCodes(UserId userId) {
		if (!totpEnabled(userId)) {
			throw new ConflictException("Set up an authenticator app first: recovery codes stand in for it.");
		}
		return newRecoveryCodes(userId);
	}

	/**
	 * Checks the second step of a sign-in: a current TOTP code not used before, or an unused recovery code (which is
	 * then used up).
	 */
	@Transactional
	boolean verifySignInCode(UserId userId, @Nullable String code) {
		String entered = orEmpty(code).strip();
		if (entered.replaceAll("\\s", "").matches("\\d{" + Totp.DIGITS + "}")) {
			return useTotpCode(userId, entered);
		}
		return useRecoveryCode(userId, entered);
	}

	private boolean useTotpCode(UserId userId, String code) {
		Optional<byte[]> stored = jdbc.sql("select secret_encrypted from totp_authenticators where user_id = :user and confirmed_at is not null")
			.param("user", userId.id())
			.query((rs, row) -> rs.getBytes(1))
			.optional();
		if (stored.isEmpty()) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(cipher.decrypt(stored.get(), associatedData(userId)), code, clock.instant());
		// Only a step later than the last one used: the same code (or an older one) never works twice.
		return step.isPresent() && jdbc.sql("""
				update totp_authenticators set last_used_step = :step where user_id = :user and last_used_step < :step""")
			.param("step", step.getAsLong())
			.param("user", userId.id())
			.update() == 1;
	}

	private boolean useRecoveryCode(UserId userId, String code) {
		String normalised = normaliseRecoveryCode(code);
		if (normalised.length() != 16) {
			return false;
		}
		return jdbc.sql("""
				update recovery_codes set used_at = :now where user_id = :user and code_hash = :hash and used_at is null""")
			.param("now", Timestamp.from(clock.instant()))
			.param("user", userId.id())
			.param("hash", ApiTokenService.sha256(normalised))
			.update() == 1;
	}

	private List<String> newRecoveryCodes(UserId userId) {
		jdbc.sql("delete from recovery_codes where user_id = :user").param("user", userId.id()).update();
		List<String> codes = new ArrayList<>();
		Instant now = clock.instant();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			byte[] bytes = new byte[10];
			random.nextBytes(bytes);
			String code = Totp.Base32.encode(bytes).toLowerCase();
			codes.add(String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12),
					code.substring(12, 16)));
			jdbc.sql("insert into recovery_codes (id, user_id, code_hash, created_at) values (:id, :user, :hash, :now)")
				.param("id", UUID.randomUUID())
				.param("user", userId.id())
				.param("hash", ApiTokenService.sha256(normaliseRecoveryCode(code)))
				.param("now", Timestamp.from(now))
				.update();
		}
		return codes;
	}

	private static String normaliseRecoveryCode(String code) {
		return code.replaceAll("[\\s-]", "").toLowerCase();
	}

	@Transactional(readOnly = true)
	List<Passkey> passkeys(String email) {
		return jdbc.sql("""
				select c.credential_id, c.label, c.created, c.last_used from user_credentials c
				join user_entities e on e.id = c.user_entity_user_id where e.name = :email
				order by c.created, c.credential_id""")
			.param("email", email)
			.query((rs, row) -> new Passkey(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4))))
			.list();
	}

	/** @throws NotFoundException also for another user's passkey. */
	@Transactional
	Passkey renamePasskey(CurrentUser user, String credentialId, @Nullable String label) {
		String trimmed = PASSKEY_LABEL.require(label);
		int changed = jdbc.sql("""
				update user_credentials set label = :label where credential_id = :id and user_entity_user_id in
				(select id from user_entities where name = :email)""")
			.param("label", trimmed)
			.param("id", credentialId)
			.param("email", user.email())
			.update();
		if (changed != 1) {
			throw NotFoundException.of("passkey", credentialId);
		}
		return passkeys(user.email()).stream().filter(p -> p.id().equals(credentialId)).findFirst().orElseThrow();
	}

	/** @throws NotFoundException also for another user's passkey. */
	@Transactional
	void removePasskey(CurrentUser user, String credentialId) {
		int removed = jdbc.sql("""
				delete from user_credentials where credential_id = :id and user_entity_user_id in
				(select id from user_entities where name = :email)""")
			.param("id", credentialId)
			.param("email", user.email())
			.update();
		if (removed != 1) {
			throw NotFoundException.of("passkey", credentialId);
		}
	}

	private static byte[] associatedData(UserId userId) {
		return ByteBuffer.allocate(16)
			.putLong(userId.id().getMostSignificantBits())
			.putLong(userId.id().getLeastSignificantBits())
			.array();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

}
