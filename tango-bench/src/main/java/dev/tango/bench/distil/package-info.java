/**
 * The command that distils a cheap student from a cascade's tier.
 */
@NullMarked
package dev.tango.bench.distil;

import org.jspecify.annotations.NullMarked;
