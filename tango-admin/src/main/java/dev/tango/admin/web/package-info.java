/**
 * What every web adapter of the admin service shares: problem responses (RFC 9457) with
 * stable type URIs, from one controller advice.
 */
@NullMarked
package dev.tango.admin.web;

import org.jspecify.annotations.NullMarked;
