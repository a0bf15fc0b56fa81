package io.skyport.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM (random 96-bit nonce per value, the user's ID as associated data so
 * a secret cannot be moved to another account). The key is {@code skyport.security.second-factor.encryption-key}
 * (32 bytes, Base64); without it a key is generated once into {@code skyport.security.second-factor.key-file}, with a
 * warning: fine for a demo, not for production (a lost file makes every enrolled authenticator unusable).
 */
@Component
class SecondFactorCipher {

	private static final Logger log = LoggerFactory.getLogger(SecondFactorCipher.class);
	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKey key;
	private final SecureRandom random = new SecureRandom();

	SecondFactorCipher(@Value("${skyport.security.second-factor.encryption-key:}") @Nullable String configuredKey,
			@Value("${skyport.security.second-factor.key-file:var/second-factor.key}") Path keyFile) {
		this.key = new SecretKeySpec(configuredKey == null || configuredKey.isBlank() ? generatedKey(keyFile)
				: decode(configuredKey.strip(), "skyport.security.second-factor.encryption-key"), "AES");
	}

	byte[] encrypt(byte[] plain, byte[] associatedData) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData);
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/** @throws IllegalStateException if the value was not encrypted with this key for this associated data. */
	byte[] decrypt(byte[] stored, byte[] associatedData) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A stored TOTP secret cannot be decrypted: was "
					+ "skyport.security.second-factor.encryption-key changed?", ex);
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not Base64: generate one with `openssl rand -base64 32`");
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(source + " must be 32 bytes (Base64 of 32 random bytes), not "
					+ bytes.length + ": generate one with `openssl rand -base64 32`");
		}
		return bytes;
	}

	private static synchronized byte[] generatedKey(Path file) {
		try {
			if (Files.exists(file)) {
				log.warn("TOTP secrets are encrypted with the generated key in {}. Set "
						+ "skyport.security.second-factor.encryption-key in production.", file.toAbsolutePath());
				return decode(Files.readString(file).strip(), file.toString());
			}
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Path temporary = Files.createTempFile(parent, ".second-factor", ".tmp");
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's permissions apply
			}
			Files.writeString(temporary, Base64.getEncoder().encodeToString(bytes) + "\n");
			Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			log.warn("skyport.security.second-factor.encryption-key is not set: generated a key for TOTP secrets into {}."
					+ " Fine for a demo; in production set the property (openssl rand -base64 32) and keep it safe.",
					file.toAbsolutePath());
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the TOTP key file " + file.toAbsolutePath()
					+ "; set skyport.security.second-factor.encryption-key instead", ex);
		}
	}
}
