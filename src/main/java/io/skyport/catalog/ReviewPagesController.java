package io.skyport.catalog;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ConflictException;
import io.skyport.platform.errors.InvalidInputException;
import io.skyport.platform.web.FormErrors;

/**
 * Reviews in the control panel: the vendor reads and answers the reviews of a product; operators hide abusive ones.
 * Each review has its own form, so a problem is reported under the field {@code reply-<review>} or
 * {@code reason-<review>}.
 */
@Controller
class ReviewPagesController {

	private final ReviewService reviews;
	private final ProductService products;

	ReviewPagesController(ReviewService reviews, ProductService products) {
		this.reviews = reviews;
		this.products = products;
	}

	@GetMapping("/panel/vendor/products/{id}/reviews")
	String productReviews(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		return productReviewsPage(model, user, id, FormErrors.none(), null, null);
	}

	@PostMapping("/panel/vendor/products/{id}/reviews/{reviewId}/reply")
	String reply(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID reviewId,
			@RequestParam(defaultValue = "") String reply, Model model, RedirectAttributes redirect) {
		try {
			ReviewView review = reviews.reply(user, reviewId, reply);
			redirect.addFlashAttribute("notice", "Your reply to " + review.authorName() + " is published.");
			return "redirect:/panel/vendor/products/" + id + "/reviews";
		}
		catch (InvalidInputException ex) {
			return productReviewsPage(model, user, id, FormErrors.of("reply-" + reviewId, ex.getMessage()), reviewId,
					reply);
		}
	}

	@GetMapping("/panel/admin/reviews")
	String recent(@AuthenticationPrincipal CurrentUser operator, Model model) {
		return moderationPage(model, operator, FormErrors.none(), null, null);
	}

	@PostMapping("/panel/admin/reviews/{reviewId}/hide")
	String hide(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID reviewId,
			@RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
		try {
			reviews.hide(operator, reviewId, reason);
			redirect.addFlashAttribute("notice", "The review is hidden from the storefront and no longer counts in the rating.");
			return "redirect:/panel/admin/reviews";
		}
		catch (InvalidInputException | ConflictException ex) {
			return moderationPage(model, operator, FormErrors.of("reason-" + reviewId, ex.getMessage()), reviewId, reason);
		}
	}

	@PostMapping("/panel/admin/reviews/{reviewId}/unhide")
	String unhide(@AuthenticationPrincipal CurrentUser operator, @PathVariable UUID reviewId, Model model,
			RedirectAttributes redirect) {
		try {
			reviews.unhide(operator, reviewId);
			redirect.addFlashAttribute("notice", "The review is shown again.");
			return "redirect:/panel/admin/reviews";
		}
		catch (ConflictException ex) {
			return moderationPage(model, operator, FormErrors.of("reason-" + reviewId, ex.getMessage()), reviewId, null);
		}
	}

	private String productReviewsPage(Model model, CurrentUser user, UUID id, FormErrors errors,
			@Nullable UUID failedReview, @Nullable String typed) {
		model.addAttribute("product", products.get(user, id));
		model.addAttribute("reviews", reviews.forVendor(user, id));
		model.addAttribute("errors", errors);
		model.addAttribute("failedReview", failedReview);
		model.addAttribute("typed", typed);
		return "catalog/product-reviews";
	}

	private String moderationPage(Model model, CurrentUser operator, FormErrors errors, @Nullable UUID failedReview,
			@Nullable String typed) {
		model.addAttribute("reviews", reviews.recent(operator));
		model.addAttribute("errors", errors);
		model.addAttribute("failedReview", failedReview);
		model.addAttribute("typed", typed);
		return "catalog/admin-reviews";
	}
}
