/**
 * The requests and answers of the native classification API, {@code POST /v1/classify}
 * and {@code POST /v1/cascades/{name}/classify}.
 */
@NullMarked
package dev.tango.client.classify;

import org.jspecify.annotations.NullMarked;
