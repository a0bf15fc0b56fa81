package io.skyport.notifications;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.skyport.platform.web.NavigationItem;

/**
 * The notification centre's and the outbox's places in the control panel ({@code /panel/admin/**} is for operators
 * already).
 */
@Configuration(proxyBeanMethods = false)
class NotificationsWebConfiguration {

	@Bean
	NavigationItem notificationsLink() {
		return NavigationItem.forEveryone("Account", "Notifications", NotificationPagesController.PAGE, 890);
	}

	@Bean
	NavigationItem outboxLink() {
		return NavigationItem.forAuthority("Administration", "Outbox", "/panel/admin/outbox", "ROLE_OPERATOR", 1090);
	}
}
