/**
 * Revenue reports: per-month invoiced totals by product for vendors and resellers.
 */
@NullMarked
package io.skyport.billing.revenue;

import org.jspecify.annotations.NullMarked;
