/**
 * The operators' OS images: the registry, the image files (uploaded, downloaded or read from a path, verified by
 * their sha256 and kept in the image store) and their copies in each node's storage pool.
 */
@NullMarked
package io.skyport.compute.images;

import org.jspecify.annotations.NullMarked;
