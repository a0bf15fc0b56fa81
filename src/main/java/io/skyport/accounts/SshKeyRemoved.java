package io.skyport.accounts;

/** A user deleted an SSH public key; running VMs keep it until they are rebuilt. */
public record SshKeyRemoved(UserId userId, SshKeyId sshKeyId, String name, String fingerprint) {
}
