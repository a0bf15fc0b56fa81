package io.skyport.accounts;

import java.time.Instant;

/** A user changed their password. */
public record PasswordChanged(UserId userId, Instant changedAt) {
}
