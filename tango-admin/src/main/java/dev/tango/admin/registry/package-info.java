/**
 * Administration of the registry: registering model versions (artifacts verified against
 * their sha256 first), creating cascade versions, activation, rollback, history and
 * comparison of cascade versions.
 */
@NullMarked
package dev.tango.admin.registry;

import org.jspecify.annotations.NullMarked;
