/**
 * Request bodies read strictly: a servlet filter that refuses content types which are
 * patterns or not media types, and reads JSON bodies through a well-formed UTF-8 check;
 * the blocking body stream that such filters wrap around the container's.
 */
@NullMarked
package dev.tango.web.body;

import org.jspecify.annotations.NullMarked;
