package io.skyport.accounts;

import org.jspecify.annotations.Nullable;

/**
 * An SSH public key that {@link SshPublicKeyParser} has decoded and checked.
 *
 * @param type the key type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, {@code ecdsa-sha2-nistp384},
 *        {@code ecdsa-sha2-nistp521} or {@code ssh-rsa}.
 * @param fingerprint {@code SHA256:} followed by the unpadded base64 SHA-256 of the key blob, exactly as
 *        {@code ssh-keygen -l} prints it.
 * @param publicKey the canonical one-line OpenSSH form {@code <type> <base64 blob>}, without comment.
 * @param comment the comment that came with the key, trimmed; {@code null} if there was none.
 * @param bits the key size: 256 for Ed25519, 256, 384 or 521 for ECDSA, the modulus length for RSA.
 */
record ParsedSshKey(String type, String fingerprint, String publicKey, @Nullable String comment, int bits) {
}
