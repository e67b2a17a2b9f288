/**
 * Release plans: a candidate cascade version tried on live traffic before it answers
 * everyone, as a shadow (a sampled copy of the traffic, its answers only compared) or a
 * canary (a share of the traffic answered by it), with bounds that abort it
 * automatically, an audit of who started, promoted or aborted it and why, and what each
 * API instance measured for it. The registry holds the plan; every API instance follows
 * it.
 */
@NullMarked
package dev.tango.models.release;

import org.jspecify.annotations.NullMarked;
