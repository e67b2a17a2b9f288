/**
 * Release plans from the admin: start a shadow or canary of a candidate cascade version,
 * promote or abort it with a reason, and read what the API instances measured for it
 * beside what calibration promised.
 */
@NullMarked
package dev.tango.admin.release;

import org.jspecify.annotations.NullMarked;
