package io.skyport.compute;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator issued or revoked a node enrolment token (a credential that lets a host register itself as a node).
 *
 * @param expiresAt when an issued token stops working.
 */
public record EnrolmentTokenChanged(UUID tokenId, String tokenName, boolean issued, Instant expiresAt,
		Instant changedAt) {
}
