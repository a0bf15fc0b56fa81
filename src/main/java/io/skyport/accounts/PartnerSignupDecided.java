package io.skyport.accounts;

import java.util.UUID;

/** An operator approved or rejected a vendor or reseller sign-up request. */
public record PartnerSignupDecided(UUID requestId, boolean approved) {
}
