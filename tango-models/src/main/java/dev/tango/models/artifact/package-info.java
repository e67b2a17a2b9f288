/**
 * Model artifacts: the single validation point for artifact URIs ({@code classpath:},
 * {@code file:} under allowed roots, {@code https:} from allowed hosts) and a local
 * content-addressed store that hands out files only after their sha256 matched.
 */
@NullMarked
package dev.tango.models.artifact;

import org.jspecify.annotations.NullMarked;
