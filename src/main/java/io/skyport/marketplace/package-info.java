/**
 * The storefronts: the operator's marketplace at {@code /} and resellers' themed storefronts with their markup,
 * at {@code /m/{slug}} or their own domain; search, product pages and comparisons.
 */
@ApplicationModule(displayName = "Marketplace")
@NullMarked
package io.skyport.marketplace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
