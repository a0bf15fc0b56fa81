package io.skyport.accounts;

import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.skyport.notifications.EmailRequest;
import io.skyport.notifications.Emails;

/**
 * Greets every new user by e-mail, once (the key is the user's ID), after the registration has committed. If the SMTP
 * server is down, the listener fails and its event publication is retried.
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
