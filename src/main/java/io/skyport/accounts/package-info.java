/**
 * Who is who: organisations (customer, vendor, reseller, operator), their users, sign-in, API tokens and SSH keys.
 */
@ApplicationModule(displayName = "Accounts")
@NullMarked
package io.skyport.accounts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
