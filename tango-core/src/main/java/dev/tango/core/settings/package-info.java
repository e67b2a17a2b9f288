/**
 * Refusing the settings people give by name: one exception, naming the setting and what
 * is wrong with it, for the calibration policies here and the features and training
 * settings of the modules above, so that the admin and the command line can each say it
 * in their own names.
 */
@NullMarked
package dev.tango.core.settings;

import org.jspecify.annotations.NullMarked;
