package io.skyport.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.accounts.OrganisationType;
import io.skyport.platform.web.NavigationItem;

/**
 * The audit trail's links in the control panel: everyone's own organisation's trail, and the whole trail for
 * operators.
 */
@Configuration(proxyBeanMethods = false)
class AuditNavigation {

	@Bean
	NavigationItem ownAuditLink() {
		return NavigationItem.forEveryone("Account", "Activity log", AuditPagesController.OWN, 930);
	}

	@Bean
	NavigationItem adminAuditLink() {
		return NavigationItem.forAuthority("Administration", "Audit trail", AuditPagesController.ADMIN,
				OrganisationType.OPERATOR.authority(), 1090);
	}
}
