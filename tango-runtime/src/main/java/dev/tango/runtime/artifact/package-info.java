/**
 * Artifacts addressed by URI strings ({@code classpath:} resources and plain paths) and
 * Tango's one content-addressed, sha256-verified store that materialises them as files
 * (the registry fetches into it with its own URI policy), with folders that place stored
 * files side by side at relative paths, and the limits (a deadline, a low-speed limit)
 * that hold a download as a whole.
 */
@NullMarked
package dev.tango.runtime.artifact;

import org.jspecify.annotations.NullMarked;
