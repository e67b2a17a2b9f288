/**
 * Calibration maths: threshold curves from labelled predictions, cost models, the
 * policies that choose thresholds (an accuracy budget, an escalation budget,
 * Learn-then-Test risk control), exact binomial bounds, and temperature scaling.
 */
@NullMarked
package dev.tango.core.calibration;

import org.jspecify.annotations.NullMarked;
