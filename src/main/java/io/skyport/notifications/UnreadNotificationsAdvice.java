package io.skyport.notifications;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

import io.skyport.accounts.CurrentUser;

/**
 * Puts {@code unreadNotifications} (the signed-in user's unread count) into every page's model for the bell in the
 * panel's header. It is lazy: the count query runs only when a template reads the variable, so API calls, redirects
 * and pages without the panel header cost nothing. Without an answer from the database the bell shows no count
 * rather than breaking the page (an error page above all).
 */
@ControllerAdvice(annotations = Controller.class)
class UnreadNotificationsAdvice {

	private static final Logger log = LoggerFactory.getLogger(UnreadNotificationsAdvice.class);

	private final NotificationCentre centre;

	UnreadNotificationsAdvice(NotificationCentre centre) {
		this.centre = centre;
	}

	@ModelAttribute("unreadNotifications")
	@Nullable LazyContextVariable<@Nullable Long> unreadNotifications() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
			return null;
		}
		return new LazyContextVariable<@Nullable Long>() {
			@Override
			protected @Nullable Long loadValue() {
				try {
					return centre.unread(user);
				}
				catch (DataAccessException | TransactionException ex) {
					log.debug("Could not count unread notifications", ex);
					return null;
				}
			}
		};
	}
}
