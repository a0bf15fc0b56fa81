package io.skyport.accounts;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An operator approved or rejected a vendor or reseller sign-up request.
 *
 * @param reason why it was rejected, as the applicant sees it; {@literal null} for an approval.
 */
public record PartnerSignupDecided(UUID requestId, boolean approved, OrganisationType organisationType,
		String organisationName, String email, UserId decidedBy, @Nullable String reason) {
}
