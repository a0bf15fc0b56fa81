/**
 * Billing's orders, subscriptions (state machine, trials, cancellations), customers' billing details, and their API
 * and pages. Internal to billing: other modules use the types in {@code io.skyport.billing}.
 */
@NullMarked
package io.skyport.billing.subscriptions;

import org.jspecify.annotations.NullMarked;
