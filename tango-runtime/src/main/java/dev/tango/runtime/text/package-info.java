/**
 * Tokenisation with HuggingFace tokenizers: truncation to a model's maximum, padding per
 * batch to its longest input, sanitising of text that native code cannot take, and the
 * strict check of incoming UTF-8 bytes.
 */
@NullMarked
package dev.tango.runtime.text;

import org.jspecify.annotations.NullMarked;
