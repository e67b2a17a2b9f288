/**
 * Drift watch in the registry: the reference a calibration records for it (reach per
 * tier, label shares per tier, as calibration parameters) and the drift reports the API
 * instances write for the admin.
 */
@NullMarked
package dev.tango.models.drift;

import org.jspecify.annotations.NullMarked;
