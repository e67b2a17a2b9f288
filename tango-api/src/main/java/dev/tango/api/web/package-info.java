/**
 * What every endpoint shares: the one exception handler (RFC 9457 problem details, or the
 * Open Inference Protocol's error object under {@code /v2}), asynchronous responses, the
 * request body limits, the optional API-key check and the OpenAPI description.
 */
@NullMarked
package dev.tango.api.web;

import org.jspecify.annotations.NullMarked;
