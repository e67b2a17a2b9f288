/**
 * Cascade descriptor files: reading both of Tango's formats, writing descriptors for
 * fitted heads, and changing their thresholds.
 */
@NullMarked
package dev.tango.bench.cascade;

import org.jspecify.annotations.NullMarked;
