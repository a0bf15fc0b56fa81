package io.skyport.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.skyport.accounts.CurrentUser;
import io.skyport.accounts.OrganisationType;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.InvalidInputException;

/**
 * Vendors create, edit, publish and withdraw their products; operators may do the same to any product.
 */
@Service
class ProductService {

	private final Products products;
	private final Plans plans;
	private final Screenshots screenshots;
	private final ProductAccess access;
	private final CatalogRules rules;
	private final CatalogBrowsing browsing;
	private final Clock clock;

	ProductService(Products products, Plans plans, Screenshots screenshots, ProductAccess access, CatalogRules rules,
			CatalogBrowsing browsing, Clock clock) {
		this.products = products;
		this.plans = plans;
		this.screenshots = screenshots;
		this.access = access;
		this.rules = rules;
		this.browsing = browsing;
		this.clock = clock;
	}

	/** @throws ForbiddenException unless the user belongs to a vendor. */
	@Transactional
	ProductView create(CurrentUser vendor, ProductInput input) {
		if (!vendor.is(OrganisationType.VENDOR)) {
			throw new ForbiddenException("Only vendors create products. Request a vendor account to sell on Skyport.");
		}
		ProductFields fields = rules.product(input);
		requireFreeSlug(fields.slug(), null);
		return view(save(new Product(vendor, fields, clock.instant())));
	}

	@Transactional
	ProductView update(CurrentUser user, UUID id, ProductInput input) {
		Product product = access.editable(user, id);
		ProductFields fields = rules.product(input);
		requireFreeSlug(fields.slug(), product.id());
		product.update(fields, clock.instant());
		return view(save(product));
	}

	@Transactional
	ProductView publish(CurrentUser user, UUID id) {
		Product product = access.editable(user, id);
		product.publish(plans.countByProductIdAndArchivedFalse(product.id()), clock.instant());
		return view(products.save(product));
	}

	@Transactional
	ProductView withdraw(CurrentUser user, UUID id) {
		Product product = access.editable(user, id);
		product.withdraw(clock.instant());
		return view(products.save(product));
	}

	@Transactional(readOnly = true)
	ProductView get(CurrentUser user, UUID id) {
		return view(access.editable(user, id));
	}

	/** The product as the storefront would show it, whatever its status, for its vendor (or an operator). */
	@Transactional(readOnly = true)
	ProductDetails preview(CurrentUser user, UUID id) {
		return browsing.details(access.editable(user, id));
	}

	/**
	 * The vendor's own products, or every product for an operator.
	 *
	 * @throws ForbiddenException for customers and resellers, who have no products to manage.
	 */
	@Transactional(readOnly = true)
	List<ProductView> list(CurrentUser user) {
		if (!user.isOperator() && !user.is(OrganisationType.VENDOR)) {
			throw new ForbiddenException("Only vendors (and operators) manage products; a "
					+ user.organisationType().name().toLowerCase(Locale.ROOT) + " account has none.");
		}
		List<Product> found = user.isOperator() ? products.findAllByOrderByUpdatedAtDesc()
				: products.findByVendorIdOrderByUpdatedAtDesc(user.organisationId().id());
		return found.stream().map(this::view).toList();
	}

	private void requireFreeSlug(String slug, @org.jspecify.annotations.Nullable UUID existing) {
		boolean taken = existing == null ? products.existsBySlug(slug) : products.existsBySlugAndIdNot(slug, existing);
		if (taken) {
			throw InvalidInputException.of("slug", "The address /products/" + slug + " is taken; choose another.");
		}
	}

	private Product save(Product product) {
		try {
			return products.saveAndFlush(product);
		}
		catch (DataIntegrityViolationException ex) {
			throw InvalidInputException.of("slug", "The address /products/" + product.slug() + " is taken; choose another.");
		}
	}

	ProductView view(Product product) {
		List<ProductView.ScreenshotView> shots = screenshots.findByProductIdOrderByPosition(product.id()).stream()
			.map(s -> new ProductView.ScreenshotView(s.id(), MediaUrls.of(s.objectKey()), MediaUrls.of(s.thumbnailKey()),
					s.width(), s.height(), s.caption()))
			.toList();
		boolean published = product.status() == ProductStatus.PUBLISHED;
		List<ProductView.PlanView> planViews = plans.findByProductIdOrderByPosition(product.id()).stream()
			.map(plan -> new ProductView.PlanView(plan.planId().id(), plan.versionNumber(), plan.archived(),
					plan.snapshot(product.name(), published)))
			.toList();
		return new ProductView(product.id(), product.vendorName(), product.status(), product.fields(),
				MediaUrls.of(product.logoThumbnailKey()), product.brandBackground(), product.brandText(), shots, planViews,
				Ratings.average(product.ratingCount(), product.ratingSum()), product.ratingCount(), product.createdAt(),
				product.updatedAt(), product.publishedAt());
	}
}
