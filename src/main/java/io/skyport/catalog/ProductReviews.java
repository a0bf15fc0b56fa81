package io.skyport.catalog;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.skyport.accounts.CurrentUser;

/**
 * Writing reviews, for the storefront's product page.
 */
public interface ProductReviews {

	/**
	 * @throws io.skyport.platform.errors.InvalidInputException for a rating outside 1–5 or a comment with HTML.
	 * @throws io.skyport.platform.errors.ConflictException if the customer reviewed the product already.
	 * @throws io.skyport.platform.errors.ForbiddenException if the user may not review it, with the reason.
	 */
	ReviewView post(CurrentUser customer, ProductId product, @Nullable Integer rating, @Nullable String comment);

	/** @throws io.skyport.platform.errors.NotFoundException if the customer has not reviewed the product. */
	ReviewView edit(CurrentUser customer, ProductId product, @Nullable Integer rating, @Nullable String comment);

	Optional<ReviewView> reviewBy(CurrentUser user, ProductId product);

	/**
	 * Whether the user may review the product, for pages that offer the form only to those who may.
	 *
	 * @return why the user may not (not a customer, or a {@link ReviewerEligibility} rule), or empty if they may.
	 */
	Optional<String> refusal(CurrentUser user, ProductId product);
}
