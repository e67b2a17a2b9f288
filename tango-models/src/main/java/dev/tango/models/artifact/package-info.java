/**
 * Model artifacts: the single validation point for artifact URIs ({@code classpath:},
 * {@code file:} under allowed roots, {@code https:} from allowed hosts) and the
 * registry's fetching policy (downloads, size limit) plugged into the runtime's one
 * content-addressed store ({@link dev.tango.runtime.artifact.ArtifactCache}), which hands
 * out files only after their sha256 matched.
 */
@NullMarked
package dev.tango.models.artifact;

import org.jspecify.annotations.NullMarked;
