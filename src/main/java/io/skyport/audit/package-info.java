/**
 * The audit trail: who did what, when and from where — sign-ins, tokens, keys, passwords, approvals, compute nodes
 * and images, invoice runs and payments — append-only, for operators and for each organisation's own entries.
 */
@ApplicationModule(displayName = "Audit")
@NullMarked
package io.skyport.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
