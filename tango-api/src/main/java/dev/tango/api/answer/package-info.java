/**
 * Answer ids: each answer the service gives carries one, signed with a key every instance
 * shares, so that any instance can later verify it and tell which cascade version and
 * tier gave which label for which input, without storing answers.
 */
@NullMarked
package dev.tango.api.answer;

import org.jspecify.annotations.NullMarked;
