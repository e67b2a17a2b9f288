/**
 * Serving the registry's active cascade versions: each is loaded, warmed up and put
 * behind a dynamic batcher; a newly activated version replaces the served one atomically,
 * and the replaced one drains and closes. Nothing here touches the database on a
 * request's path.
 */
@NullMarked
package dev.tango.api.serving;

import org.jspecify.annotations.NullMarked;
