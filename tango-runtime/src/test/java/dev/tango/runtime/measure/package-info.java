/**
 * Cost measurements of the runtime (run by hand, not part of the test suite).
 */
@NullMarked
package dev.tango.runtime.measure;

import org.jspecify.annotations.NullMarked;
