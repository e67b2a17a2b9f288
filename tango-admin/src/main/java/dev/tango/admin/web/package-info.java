/**
 * What every web adapter of the admin service shares: problem responses (RFC 9457) with
 * stable type URIs, from one controller advice, and enum parameters read in any case.
 */
@NullMarked
package dev.tango.admin.web;

import org.jspecify.annotations.NullMarked;
