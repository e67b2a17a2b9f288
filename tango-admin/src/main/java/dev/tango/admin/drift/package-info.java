/**
 * Drift watch in the admin: what the API instances report about their cascade versions'
 * drift from calibration, gathered for the cascade page's panel and the cascade's
 * {@code /drift} resource (served by {@code ui.web.LiveNumbersController}).
 */
@NullMarked
package dev.tango.admin.drift;

import org.jspecify.annotations.NullMarked;
