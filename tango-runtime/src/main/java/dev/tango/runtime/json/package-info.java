/**
 * Strict reading of this module's JSON files (head files, cascade descriptors, model
 * configurations) with messages that name the file and the field.
 */
@NullMarked
package dev.tango.runtime.json;

import org.jspecify.annotations.NullMarked;
