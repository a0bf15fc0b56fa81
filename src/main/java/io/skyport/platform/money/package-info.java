/**
 * Amounts of money: a {@code BigDecimal} with its ISO 4217 currency, never a {@code double}.
 */
@NamedInterface("money")
@NullMarked
package io.skyport.platform.money;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
