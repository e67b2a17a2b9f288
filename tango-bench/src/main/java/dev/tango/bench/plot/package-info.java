/**
 * Plots of threshold curves as SVG.
 */
@NullMarked
package dev.tango.bench.plot;

import org.jspecify.annotations.NullMarked;
