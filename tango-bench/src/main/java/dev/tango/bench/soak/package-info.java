/**
 * {@code soak}: the service under steady load for a long time, with live version swaps,
 * sampling its memory and file descriptors to show that none of them grows.
 */
@NullMarked
package dev.tango.bench.soak;

import org.jspecify.annotations.NullMarked;
