package io.skyport.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Skyport's e-mail looks to recipients. Whether it goes over SMTP is decided by {@code spring.mail.host}.
 *
 * @param from the sender, with or without a display name.
 * @param baseUrl the address people reach Skyport at, for links in e-mails (templates see it as {@code baseUrl}).
 */
@ConfigurationProperties("skyport.mail")
record MailSettings(@DefaultValue("Skyport <billing@skyport.local>") String from,
		@DefaultValue("http://localhost:8080") String baseUrl) {
}
