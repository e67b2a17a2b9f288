/**
 * Evaluating registered cascade versions on labelled data sets: the evaluate job, and the
 * scoring of every tier that evaluation and calibration share.
 */
@NullMarked
package dev.tango.admin.evaluation;

import org.jspecify.annotations.NullMarked;
