/**
 * Artifacts addressed by URI strings ({@code classpath:} resources and plain paths) and a
 * content-addressed, sha256-verified cache that materialises them as files.
 */
@NullMarked
package dev.tango.runtime.artifact;

import org.jspecify.annotations.NullMarked;
