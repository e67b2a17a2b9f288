/**
 * Classification service: REST, Open Inference Protocol v2, Actuator.
 */
@NullMarked
package dev.tango.api;

import org.jspecify.annotations.NullMarked;
