/**
 * Running work per host in parallel without letting one slow host hold up the others: {@link ParallelRounds}.
 */
@NamedInterface("concurrent")
@NullMarked
package io.skyport.platform.concurrent;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
