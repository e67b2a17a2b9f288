/**
 * Cascade descriptor files in the runtime's {@code tango-cascade} format: reading them,
 * writing descriptors for fitted heads, and changing their thresholds.
 */
@NullMarked
package dev.tango.bench.cascade;

import org.jspecify.annotations.NullMarked;
