package io.skyport.billing.subscriptions;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

interface BillingAccounts extends Repository<BillingAccount, UUID> {

	Optional<BillingAccount> findById(UUID organisationId);

	boolean existsById(UUID organisationId);

	/** Flushes at once, so two first saves racing surface here as a unique violation rather than at commit. */
	BillingAccount saveAndFlush(BillingAccount account);
}
