package io.skyport.notifications;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.NavigationItem;

/**
 * The outbox's place in the control panel ({@code /panel/admin/**} is for operators already).
 */
@Configuration(proxyBeanMethods = false)
class NotificationsWebConfiguration {

	@Bean
	NavigationItem outboxLink() {
		return NavigationItem.forAuthority("Administration", "Outbox", "/panel/admin/outbox", "ROLE_OPERATOR", 1090);
	}
}
