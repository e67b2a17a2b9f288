/**
 * The lexical tier: hashed word unigram and bigram features with a linear softmax model,
 * microseconds per input.
 */
@NullMarked
package dev.tango.runtime.lexical;

import org.jspecify.annotations.NullMarked;
