/**
 * Calibration maths: threshold curves from labelled predictions, cost models, the
 * policies that choose thresholds (an accuracy budget, an escalation budget,
 * Learn-then-Test risk control), exact binomial bounds, temperature scaling, and
 * stratified folds with the cross-fitting that reports a policy's choice on inputs it did
 * not see.
 */
@NullMarked
package dev.tango.core.calibration;

import org.jspecify.annotations.NullMarked;
