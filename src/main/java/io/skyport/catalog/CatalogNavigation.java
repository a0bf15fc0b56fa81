package io.skyport.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.NavigationItem;

/**
 * The catalog's links in the control panel: vendors' products, and for operators all products and review moderation.
 */
@Configuration(proxyBeanMethods = false)
class CatalogNavigation {

	@Bean
	NavigationItem vendorProductsLink() {
		return NavigationItem.forAuthority("Catalog", "Products", "/panel/vendor/products",
				OrganisationType.VENDOR.authority(), 200);
	}

	@Bean
	NavigationItem allProductsLink() {
		return NavigationItem.forAuthority("Administration", "All products", "/panel/vendor/products",
				OrganisationType.OPERATOR.authority(), 1030);
	}

	@Bean
	NavigationItem reviewModerationLink() {
		return NavigationItem.forAuthority("Administration", "Reviews", "/panel/admin/reviews",
				OrganisationType.OPERATOR.authority(), 1040);
	}
}
