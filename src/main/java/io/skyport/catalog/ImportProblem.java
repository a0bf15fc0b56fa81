package io.skyport.catalog;

import org.jspecify.annotations.Nullable;

/**
 * One problem of a catalog import file.
 *
 * @param path where in the file, e.g. {@code products[2].plans[0].memoryMib}; empty for the file as a whole.
 * @param line the line (from 1) of the field or, for a missing field, of its product or plan; {@literal null} when
 * the problem has no place in the file (e.g. the file is too large).
 * @param message what is wrong and how to fix it.
 */
record ImportProblem(String path, @Nullable Integer line, String message) {
}
