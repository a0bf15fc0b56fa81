package io.skyport.accounts;

/**
 * A user added an SSH public key.
 *
 * @param fingerprint {@code SHA256:…}, as {@code ssh-keygen -lf} shows it.
 */
public record SshKeyAdded(UserId userId, SshKeyId sshKeyId, String name, String fingerprint) {
}
