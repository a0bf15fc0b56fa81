package io.skyport.accounts;

import java.util.UUID;

/** A vendor or reseller asked for an account; an operator decides. */
public record PartnerSignupRequested(UUID requestId, OrganisationType organisationType) {
}
