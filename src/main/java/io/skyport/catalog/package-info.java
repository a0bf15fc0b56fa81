/**
 * What vendors sell: products with plans (VM size, image, prices, trial), media, reviews, and catalog imports.
 */
@ApplicationModule(displayName = "Catalog")
@NullMarked
package io.skyport.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
