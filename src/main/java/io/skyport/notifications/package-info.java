/**
 * E-mail to people: HTML and text from Thymeleaf templates, sent over SMTP or kept in an outbox the operator reads,
 * at most once per idempotency key.
 */
@ApplicationModule(displayName = "Notifications")
@NullMarked
package io.skyport.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
