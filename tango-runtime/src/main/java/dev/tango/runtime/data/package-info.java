/**
 * Reading labelled text data sets (TSV or CSV with a header, RFC 4180 quoting, UTF-8).
 */
@NullMarked
package dev.tango.runtime.data;

import org.jspecify.annotations.NullMarked;
