package io.skyport.notifications;

import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.accounts.Accounts;
import io.skyport.accounts.UserRegistered;

/**
 * Greets every new user (accounts' {@link UserRegistered}) by e-mail, once (the key is the user's ID), after the
 * registration has committed. If the SMTP server is down, the listener fails and its event publication is retried.
 * It lives here, not in accounts, so that accounts does not depend on notifications (which depends on accounts for
 * the notification centre's organisations and users).
 */
@Component
class WelcomeEmail {

	private final Accounts accounts;
	private final Emails emails;

	WelcomeEmail(Accounts accounts, Emails emails) {
		this.accounts = accounts;
		this.emails = emails;
	}

	@ApplicationModuleListener
	void on(UserRegistered event) {
		accounts.findUser(event.userId()).ifPresent(user -> emails.send(EmailRequest.of("welcome:" + event.userId().id(),
				user.email(), "Welcome to Skyport", "welcome",
				Map.of("name", user.name(), "organisationName", user.organisationName(), "email", user.email()))));
	}
}
