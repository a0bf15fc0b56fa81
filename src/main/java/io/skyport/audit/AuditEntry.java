package io.skyport.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One recorded action, as shown and exported.
 *
 * @param actorEmail the e-mail address as it was; for a failed sign-in, the address that was tried.
 * @param actorRole the actor's organisation type ({@code CUSTOMER} … {@code OPERATOR}), {@code ANONYMOUS} or
 * {@code SYSTEM} (a scheduled job).
 * @param organisationId the organisation the entry concerns besides the actor's own, if any.
 * @param details a small JSON object; never a secret.
 */
record AuditEntry(UUID id, Instant occurredAt, @Nullable UUID actorUserId, @Nullable String actorEmail,
		@Nullable UUID actorOrganisationId, @Nullable String actorOrganisationName, String actorRole,
		@Nullable UUID organisationId, String action, @Nullable String targetType, @Nullable String targetId,
		@Nullable String targetLabel, Outcome outcome, @Nullable String sourceAddress, @Nullable String userAgent,
		String details) {

	enum Outcome {
		SUCCESS, FAILURE
	}

	/** Who acted, as known at the time. */
	record Actor(@Nullable UUID userId, @Nullable String email, @Nullable UUID organisationId,
			@Nullable String organisationName, String role) {

		static final Actor SYSTEM = new Actor(null, null, null, null, "SYSTEM");

		static Actor anonymous(@Nullable String email) {
			return new Actor(null, email, null, null, "ANONYMOUS");
		}
	}

	/** What the action was done to. */
	record Target(String type, String id, String label) {
	}

	/** An entry to append; the time and the request's address and user agent are added when it is written. */
	record NewEntry(String action, Outcome outcome, Actor actor, @Nullable UUID organisationId,
			@Nullable Target target, java.util.Map<String, ?> details) {
	}
}
