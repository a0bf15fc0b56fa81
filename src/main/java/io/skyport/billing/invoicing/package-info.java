/**
 * Invoicing: billing periods and proration, tax, usage, gapless invoice numbers, invoice runs, credit notes.
 */
@NullMarked
package io.skyport.billing.invoicing;

import org.jspecify.annotations.NullMarked;
