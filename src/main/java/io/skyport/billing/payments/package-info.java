/**
 * Payments against invoices, the {@link io.skyport.billing.payments.PaymentGateway} port, and dunning of overdue
 * invoices.
 */
@NullMarked
package io.skyport.billing.payments;

import org.jspecify.annotations.NullMarked;
