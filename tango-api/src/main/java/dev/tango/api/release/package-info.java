/**
 * Release plans on live traffic: every instance follows the registry's running plan of
 * each cascade ({@link dev.tango.api.release.ReleaseFollower}), keeps its candidate
 * version loaded beside the active one, sends it a sampled copy of the answered traffic
 * (shadow) or a share of the requests (canary,
 * {@link dev.tango.api.release.ReleaseRouter}), measures both versions, reports the
 * measurements to the registry and aborts the plan when the candidate leaves its bounds.
 */
@NullMarked
package dev.tango.api.release;

import org.jspecify.annotations.NullMarked;
