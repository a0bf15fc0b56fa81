/**
 * Server types: the sizes operators offer for direct servers.
 */
@NullMarked
package io.skyport.compute.servertypes;

import org.jspecify.annotations.NullMarked;
