/**
 * Commands to fit heads, evaluate and calibrate cascades, and benchmark them.
 */
@NullMarked
package dev.tango.bench;

import org.jspecify.annotations.NullMarked;
