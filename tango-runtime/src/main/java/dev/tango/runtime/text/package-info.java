/**
 * Tokenisation with HuggingFace tokenizers: truncation to a model's maximum, padding per
 * batch to its longest input and sanitising of text that native code cannot take.
 */
@NullMarked
package dev.tango.runtime.text;

import org.jspecify.annotations.NullMarked;
