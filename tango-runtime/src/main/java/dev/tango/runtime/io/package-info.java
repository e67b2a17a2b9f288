/**
 * File reading and writing shared by the runtime and the modules above it: replacing a
 * file so that readers never see it half written, and opening one to read that names the
 * path when it is a folder.
 */
@NullMarked
package dev.tango.runtime.io;

import org.jspecify.annotations.NullMarked;
