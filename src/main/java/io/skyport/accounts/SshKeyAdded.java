package io.skyport.accounts;

/** A user added an SSH public key. */
public record SshKeyAdded(UserId userId, SshKeyId sshKeyId) {
}
