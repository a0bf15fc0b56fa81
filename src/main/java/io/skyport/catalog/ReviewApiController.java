package io.skyport.catalog;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.skyport.accounts.CurrentUser;
import io.skyport.catalog.CatalogApiModels.HideBody;
import io.skyport.catalog.CatalogApiModels.ReplyBody;
import io.skyport.catalog.CatalogApiModels.ReviewBody;
import io.skyport.platform.errors.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Reviews: customers write one per product and may edit it; vendors reply; operators hide.
 */
@RestController
@Tag(name = "Reviews")
class ReviewApiController {

	private final Catalog catalog;
	private final ReviewService reviews;

	ReviewApiController(Catalog catalog, ReviewService reviews) {
		this.catalog = catalog;
		this.reviews = reviews;
	}

	@GetMapping("/api/v1/products/{id}/reviews")
	@Operation(summary = "Visible reviews of a published product, newest first")
	@SecurityRequirements
	List<ReviewView> list(@PathVariable UUID id) {
		catalog.publishedProduct(new ProductId(id)).orElseThrow(() -> NotFoundException.of("product", id));
		return catalog.reviews(new ProductId(id));
	}

	@PostMapping("/api/v1/products/{id}/reviews")
	@Operation(summary = "Review a product: rating 1–5 and an optional plain-text comment (customers, once per product)")
	ResponseEntity<ReviewView> post(@AuthenticationPrincipal CurrentUser customer, @PathVariable UUID id,
			@RequestBody ReviewBody body) {
		ReviewView review = reviews.post(customer, id, body.rating(), body.comment());
		return ResponseEntity.created(URI.create("/api/v1/products/" + id + "/reviews/mine")).body(review);
	}

	@GetMapping("/api/v1/products/{id}/reviews/mine")
	@Operation(summary = "Your review of a product")
	ReviewView mine(@AuthenticationPrincipal CurrentUser customer, @PathVariable UUID id) {
		ReviewView review = reviews.mine(customer, id);
		if (review == null) {
			throw new NotFoundException("You have not reviewed this product yet.");
		}
		return review;
	}

	@PutMapping("/api/v1/products/{id}/reviews/mine")
	@Operation(summary = "Edit your review")
	ReviewView edit(@AuthenticationPrincipal CurrentUser customer, @PathVariable UUID id, @RequestBody ReviewBody body) {
		return reviews.edit(customer, id, body.rating(), body.comment());
	}

	@PostMapping("/api/v1/reviews/{reviewId}/reply")
	@Operation(summary = "Reply publicly to a review of your product (vendors)")
	ReviewView reply(@AuthenticationPrincipal CurrentUser vendor, @PathVariable UUID reviewId, @RequestBody ReplyBody body) {
		return reviews.reply(vendor, reviewId, body.reply());
	}

	@PostMapping("/api/v1/admin/reviews/{reviewId}/hide")
	@Operation(summary = "Hide a review with a reason (operators); it no longer counts in the rating")
	ResponseEntity<Void> hide(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID reviewId,
			@RequestBody HideBody body) {
		reviews.hide(operator, reviewId, body.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/admin/reviews/{reviewId}/unhide")
	@Operation(summary = "Show a hidden review again (operators)")
	ResponseEntity<Void> unhide(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID reviewId) {
		reviews.unhide(operator, reviewId);
		return ResponseEntity.noContent().build();
	}
}
