package io.skyport.accounts;

/**
 * An SSH public key to place on a machine.
 *
 * @param publicKey one OpenSSH line, {@code type base64 name}, ready for {@code authorized_keys}.
 */
public record AuthorizedKey(SshKeyId id, String name, String fingerprint, String publicKey) {
}
