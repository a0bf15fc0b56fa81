package io.skyport.catalog;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.skyport.accounts.CurrentUser;
import io.skyport.platform.errors.ForbiddenException;
import io.skyport.platform.errors.NotFoundException;

/**
 * Who may change a product: its vendor and operators. A product nobody else can see (a draft) is "not found" to
 * others; a published one they can see is "forbidden", with the reason.
 */
@Component
class ProductAccess {

	private final Products products;

	ProductAccess(Products products) {
		this.products = products;
	}

	Product editable(CurrentUser user, ProductId id) {
		Product product = products.findById(id.id()).orElseThrow(() -> NotFoundException.of("product", id));
		if (user.isOperator() || product.isOwnedBy(user)) {
			return product;
		}
		if (product.status() == ProductStatus.DRAFT) {
			throw NotFoundException.of("product", id);
		}
		throw new ForbiddenException("Only the vendor of '" + product.name() + "' (or an operator) may change it.");
	}

	Product editable(CurrentUser user, UUID id) {
		return editable(user, new ProductId(id));
	}
}
