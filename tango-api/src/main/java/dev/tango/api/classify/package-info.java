/**
 * Classification requests, whatever the protocol: limits on their inputs, submission to
 * the served cascade version, the answer with the version that produced it, and the
 * request metrics.
 */
@NullMarked
package dev.tango.api.classify;

import org.jspecify.annotations.NullMarked;
