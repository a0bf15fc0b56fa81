/**
 * Billing: customers' billing details, orders with the price as seen, and subscriptions with their trials,
 * suspensions and cancellations, usage, invoices with their PDFs and e-mails, payments, dunning and revenue.
 */
@ApplicationModule(displayName = "Billing")
@NullMarked
package io.skyport.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
