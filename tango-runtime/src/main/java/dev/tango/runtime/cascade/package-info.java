/**
 * The one value model of a cascade ({@link dev.tango.runtime.cascade.CascadeSpec},
 * {@link dev.tango.runtime.cascade.TierSpec}), read from descriptor files or made by the
 * registry, the tier kinds that open its tiers as plug-ins
 * ({@link dev.tango.runtime.cascade.TierKind}, found through
 * {@link dev.tango.runtime.cascade.TierKinds}), and the one loader that opens it.
 */
@NullMarked
package dev.tango.runtime.cascade;

import org.jspecify.annotations.NullMarked;
