package io.skyport.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.NavigationItem;

/**
 * The catalog import page in the control panel's navigation, for vendors.
 */
@Configuration(proxyBeanMethods = false)
class CatalogImportNavigation {

	@Bean
	NavigationItem catalogImportLink() {
		return NavigationItem.forAuthority("Catalog", "Import", "/panel/vendor/import", OrganisationType.VENDOR.authority(),
				210);
	}
}
