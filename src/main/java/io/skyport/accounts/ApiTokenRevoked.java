package io.skyport.accounts;

import java.time.Instant;
import java.util.UUID;

/** A user revoked one of their personal API tokens. */
public record ApiTokenRevoked(UserId userId, UUID tokenId, String name, Instant revokedAt) {
}
