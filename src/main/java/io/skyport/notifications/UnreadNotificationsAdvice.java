package io.skyport.notifications;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

import io.skyport.accounts.CurrentUser;

/**
 * Puts {@code unreadNotifications} (the signed-in user's unread count) into every page's model for the bell in the
 * panel's header. It is lazy: the count query runs only when a template reads the variable, so API calls, redirects
 * and pages without the panel header cost nothing.
 */
@ControllerAdvice(annotations = Controller.class)
class UnreadNotificationsAdvice {

	private final NotificationCentre centre;

	UnreadNotificationsAdvice(NotificationCentre centre) {
		this.centre = centre;
	}

	@ModelAttribute("unreadNotifications")
	@Nullable LazyContextVariable<Long> unreadNotifications() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
			return null;
		}
		return new LazyContextVariable<>() {
			@Override
			protected Long loadValue() {
				return centre.unread(user);
			}
		};
	}
}
