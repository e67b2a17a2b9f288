/**
 * The feedback endpoint: {@code POST /v1/feedback}.
 */
@NullMarked
package dev.tango.api.feedback.web;

import org.jspecify.annotations.NullMarked;
