/**
 * The classification service: serves the registry's active cascade versions over a native
 * REST API and the Open Inference Protocol v2, with Actuator health and metrics.
 */
@NullMarked
package dev.tango.api;

import org.jspecify.annotations.NullMarked;
