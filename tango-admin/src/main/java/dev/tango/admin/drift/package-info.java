/**
 * Drift watch in the admin: what the API instances report about their cascade versions'
 * drift from calibration, as a page panel and a REST resource.
 */
@NullMarked
package dev.tango.admin.drift;

import org.jspecify.annotations.NullMarked;
