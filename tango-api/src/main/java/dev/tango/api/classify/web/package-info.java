/**
 * The native REST API: {@code POST /v1/classify} and {@code POST
 * /v1/cascades/{name}/classify}.
 */
@NullMarked
package dev.tango.api.classify.web;

import org.jspecify.annotations.NullMarked;
