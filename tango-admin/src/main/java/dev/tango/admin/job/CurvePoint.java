package dev.tango.admin.job;

/**
 * A point of a curve a job draws, such as a training run's loss at a step.
 *
 * @param x where along the curve, such as the step; increasing within an attempt
 * @param y the value there, finite
 */
public record CurvePoint(long x, double y) {

}
