package io.skyport.billing;

import java.math.BigDecimal;

import io.skyport.accounts.OrganisationId;
import io.skyport.platform.money.Money;

/**
 * A plan's prices on a reseller's storefront.
 *
 * @param storefrontName the storefront's name, shown on the order page.
 * @param markupPercent the markup applied to the plan's product (its category's, or the storefront's global one).
 * @param monthlyPrice the plan's monthly price with the markup, rounded half-up as the storefront shows it.
 * @param bandwidthPricePerGib the price per GiB above the allowance, with the markup.
 */
public record ResellerPrice(OrganisationId resellerId, String storefrontName, BigDecimal markupPercent,
		Money monthlyPrice, Money bandwidthPricePerGib) {
}
