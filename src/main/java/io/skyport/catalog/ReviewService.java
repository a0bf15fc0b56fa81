package io.skyport.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.errors.InvalidInputException.Violation;
import io.skyport.platform.errors.NotFoundException;
import io.skyport.platform.errors.TextRule;

/**
 * Customers rate and comment on published products once each (and edit it); vendors reply; operators hide.
 * The product's rating counts only visible reviews and is recomputed in the same transaction as the change.
 */
@Service
class ReviewService implements ProductReviews {

	static final TextRule COMMENT = new TextRule("comment", 4000, "", "the comment");
	static final TextRule REPLY = new TextRule("reply", 4000, "Write a reply.", "the reply");
	static final TextRule HIDE_REASON = new TextRule("reason", 1000, "Say why the review is hidden.", "the reason");

	private final Reviews reviews;
	private final Products products;
	private final ProductAccess access;
	private final List<ReviewerEligibility> eligibility;
	private final Clock clock;

	ReviewService(Reviews reviews, Products products, ProductAccess access, List<ReviewerEligibility> eligibility,
			Clock clock) {
		this.reviews = reviews;
		this.products = products;
		this.access = access;
		this.eligibility = eligibility;
		this.clock = clock;
	}

	/** A review with what operators see: whether and why it is hidden; and the vendor's reply, if any. */
	record ModeratedReview(UUID id, UUID productId, String productName, String authorName, int rating, String comment,
			@Nullable String vendorReply, boolean hidden, @Nullable String hiddenReason, java.time.Instant createdAt) {
	}

	@Override
	@Transactional
	public ReviewView post(CurrentUser customer, ProductId product, @Nullable Integer rating, @Nullable String comment) {
		return post(customer, product.id(), rating, comment);
	}

	@Override
	@Transactional
	public ReviewView edit(CurrentUser customer, ProductId product, @Nullable Integer rating, @Nullable String comment) {
		return edit(customer, product.id(), rating, comment);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ReviewView> reviewBy(CurrentUser user, ProductId product) {
		return Optional.ofNullable(mine(user, product.id()));
	}

	@Transactional
	ReviewView post(CurrentUser customer, UUID productId, @Nullable Integer rating, @Nullable String comment) {
		Product product = reviewable(customer, productId);
		if (reviews.findByProductIdAndAuthorId(product.id(), customer.userId().id()).isPresent()) {
			throw new ConflictException("You have already reviewed '" + product.name() + "'; edit your review instead.");
		}
		Validated input = validate(rating, comment);
		Review review;
		try {
			review = reviews.saveAndFlush(new Review(product.productId(), customer, input.rating(), input.comment(),
					clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("You have already reviewed '" + product.name() + "'; edit your review instead.");
		}
		refreshRating(product);
		return review.view();
	}

	@Transactional
	ReviewView edit(CurrentUser customer, UUID productId, @Nullable Integer rating, @Nullable String comment) {
		Review review = reviews.findByProductIdAndAuthorId(productId, customer.userId().id())
			.orElseThrow(() -> new NotFoundException("You have not reviewed this product yet."));
		Validated input = validate(rating, comment);
		review.edit(input.rating(), input.comment(), clock.instant());
		reviews.save(review);
		refreshRating(products.findById(productId).orElseThrow());
		return review.view();
	}

	@Transactional(readOnly = true)
	@Nullable ReviewView mine(CurrentUser user, UUID productId) {
		return reviews.findByProductIdAndAuthorId(productId, user.userId().id()).map(Review::view).orElse(null);
	}

	/** The vendor of the product (or an operator) answers a review publicly. */
	@Transactional
	ReviewView reply(CurrentUser vendor, UUID reviewId, @Nullable String text) {
		Review review = reviews.findById(reviewId).orElseThrow(() -> NotFoundException.of("review", reviewId));
		access.editable(vendor, review.productId());
		review.reply(CatalogRules.plainTextOrThrow(REPLY, text), clock.instant());
		return reviews.save(review).view();
	}

	@Transactional
	void hide(CurrentUser operator, UUID reviewId, @Nullable String reason) {
		requireOperator(operator);
		Review review = reviews.findById(reviewId).orElseThrow(() -> NotFoundException.of("review", reviewId));
		review.hide(HIDE_REASON.require(reason), clock.instant());
		reviews.save(review);
		refreshRating(products.findById(review.productId().id()).orElseThrow());
	}

	@Transactional
	void unhide(CurrentUser operator, UUID reviewId) {
		requireOperator(operator);
		Review review = reviews.findById(reviewId).orElseThrow(() -> NotFoundException.of("review", reviewId));
		review.unhide();
		reviews.save(review);
		refreshRating(products.findById(review.productId().id()).orElseThrow());
	}

	/** Every review of a product, hidden ones too, for its vendor. */
	@Transactional(readOnly = true)
	List<ModeratedReview> forVendor(CurrentUser vendor, UUID productId) {
		Product product = access.editable(vendor, productId);
		return reviews.findByProductIdOrderByCreatedAtDesc(product.id()).stream()
			.map(review -> moderated(review, product.name()))
			.toList();
	}

	@Transactional(readOnly = true)
	List<ModeratedReview> recent(CurrentUser operator) {
		requireOperator(operator);
		List<Review> recent = reviews.findTop100ByOrderByCreatedAtDesc();
		var names = new java.util.HashMap<UUID, String>();
		products.findAllById(recent.stream().map(review -> review.productId().id()).distinct().toList())
			.forEach(product -> names.put(product.id(), product.name()));
		return recent.stream().map(review -> moderated(review, names.getOrDefault(review.productId().id(), "?"))).toList();
	}

	private static ModeratedReview moderated(Review review, String productName) {
		ReviewView view = review.view();
		return new ModeratedReview(view.id(), review.productId().id(), productName, view.authorName(), view.rating(),
				view.comment(), view.vendorReply(), review.hidden(), review.hiddenReason(), view.createdAt());
	}

	private Product reviewable(CurrentUser customer, UUID productId) {
		Product product = products.findById(productId)
			.filter(p -> p.status() == ProductStatus.PUBLISHED)
			.orElseThrow(() -> NotFoundException.of("product", productId));
		refusal(customer, product.productId()).ifPresent(reason -> {
			throw new ForbiddenException(reason);
		});
		return product;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> refusal(CurrentUser user, ProductId product) {
		if (!user.is(OrganisationType.CUSTOMER)) {
			return Optional.of("Only customers review products.");
		}
		return eligibility.stream().flatMap(rule -> rule.refusal(user, product).stream()).findFirst();
	}

	private void refreshRating(Product product) {
		Object[] totals = reviews.visibleRatingTotals(product.id()).getFirst();
		product.recordRating(((Number) totals[0]).intValue(), ((Number) totals[1]).intValue());
		products.save(product);
	}

	private static void requireOperator(CurrentUser user) {
		if (!user.isOperator()) {
			throw new ForbiddenException("Only operators moderate reviews.");
		}
	}

	private record Validated(int rating, String comment) {
	}

	private static Validated validate(@Nullable Integer rating, @Nullable String comment) {
		List<Violation> violations = new ArrayList<>();
		if (rating == null || rating < 1 || rating > 5) {
			violations.add(new Violation("rating", "Rate the product from 1 to 5 stars."));
		}
		String text = COMMENT.optional(comment, violations);
		if (text != null && CatalogRules.containsHtml(text)) {
			violations.add(new Violation("comment", "HTML is not allowed in reviews (found " + CatalogRules.firstTag(text)
					+ "); use plain text."));
		}
		if (!violations.isEmpty() || rating == null) {
			throw new InvalidInputException(violations);
		}
		return new Validated(rating, text == null ? "" : text);
	}
}
