package io.skyport.accounts;

/**
 * A user account was created: a customer signed up, an operator approved a vendor or reseller, or an operator
 * was bootstrapped.
 */
public record UserRegistered(UserId userId, OrganisationId organisationId, OrganisationType organisationType) {
}
