/**
 * What the admin's REST resources share and nothing else: the {@link JsonResource}
 * annotation, which depends on no feature, so that every feature's web adapter may use
 * it.
 */
@NullMarked
package dev.tango.admin.rest;

import org.jspecify.annotations.NullMarked;
