package io.skyport.billing;

import java.util.Optional;

import io.skyport.accounts.OrganisationId;

/** Customers' billing details, for invoices and e-mails. */
public interface BillingDirectory {

	/** Empty until the organisation entered its billing details (which it must before its first order). */
	Optional<BillingDetails> billingDetails(OrganisationId organisationId);
}
