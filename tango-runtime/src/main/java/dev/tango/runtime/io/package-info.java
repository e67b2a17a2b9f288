/**
 * File writing shared by the runtime and the modules above it: replacing a file so that
 * readers never see it half written.
 */
@NullMarked
package dev.tango.runtime.io;

import org.jspecify.annotations.NullMarked;
