/**
 * The embedded PostgreSQL server used when no external datasource is configured.
 */
@NullMarked
package io.skyport.platform.database;

import org.jspecify.annotations.NullMarked;
