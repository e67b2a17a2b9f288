/**
 * Spring Boot auto-configuration of the inference runtime (the library /
 * auto-configuration split of spring-ai): settings and tier kinds, with no JPA or
 * registry.
 */
@NullMarked
package dev.tango.runtime.autoconfigure;

import org.jspecify.annotations.NullMarked;
