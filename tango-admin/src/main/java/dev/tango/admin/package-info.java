/**
 * Registry administration and calibration jobs.
 */
@NullMarked
package dev.tango.admin;

import org.jspecify.annotations.NullMarked;
