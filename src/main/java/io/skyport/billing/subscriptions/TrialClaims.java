package io.skyport.billing.subscriptions;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface TrialClaims extends Repository<TrialClaim, TrialClaim.Key> {

	Optional<TrialClaim> findById(TrialClaim.Key key);

	/**
	 * Inserts at once, so a second claim racing this one fails here with a unique violation. A claim is new by
	 * definition: {@code persist}, never a merge that would read first and overwrite.
	 */
	TrialClaim saveAndFlush(TrialClaim claim);
}
