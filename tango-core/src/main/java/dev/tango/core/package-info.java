/**
 * The cascade engine in plain Java: the {@link dev.tango.core.tier.Tier} port, confidence
 * measures, routing of inputs through tiers, batching and calibration maths. Nothing here
 * depends on Spring, JPA, a web framework or an inference library.
 */
@NullMarked
package dev.tango.core;

import org.jspecify.annotations.NullMarked;
