/**
 * The registry: models and their immutable versions, cascades and their immutable
 * versions, which cascade version is active, the audit trail of activations, and
 * calibration results. {@link dev.tango.models.registry.ModelRegistry} is the API; the
 * JPA entities and repositories behind it stay in this package.
 */
@NullMarked
package dev.tango.models.registry;

import org.jspecify.annotations.NullMarked;
