/**
 * Fitting multinomial logistic regression heads with L2 regularisation on frozen-encoder
 * embeddings or lexical features, with held-out selection of the regularisation strength
 * and an embedding cache.
 */
@NullMarked
package dev.tango.train.fit;

import org.jspecify.annotations.NullMarked;
