package io.skyport.catalog;

import java.util.Optional;

import io.skyport.accounts.CurrentUser;

/**
 * A rule on who may review a product, contributed as a bean by a module that knows more (billing: only buyers).
 * Without any, every signed-in customer may review; with several, all must agree.
 */
public interface ReviewerEligibility {

	/** @return why the user may not review the product, or empty if they may. */
	Optional<String> refusal(CurrentUser user, ProductId product);
}
