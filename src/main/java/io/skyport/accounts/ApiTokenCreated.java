package io.skyport.accounts;

import java.time.Instant;
import java.util.UUID;

/** A user created a personal API token (its secret travels nowhere but to the user). */
public record ApiTokenCreated(UserId userId, UUID tokenId, String name, Instant createdAt) {
}
