/**
 * Orders, subscriptions and invoices.
 */
@ApplicationModule(displayName = "Billing")
@NullMarked
package io.skyport.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
