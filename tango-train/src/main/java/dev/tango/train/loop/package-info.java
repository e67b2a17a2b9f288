/**
 * Fine-tuning and distillation of a classifier {@link ai.djl.nn.Block} on DJL's PyTorch
 * engine: tokenised examples with hard or soft targets, length-bucketed batches, AdamW
 * with warm-up, linear decay and gradient clipping, held-out evaluation with early
 * stopping, and checkpoints from which a killed run resumes to the same weights.
 *
 * <p>
 * The block's contract: forward input {@code [inputIds, attentionMask, tokenTypeIds]},
 * each {@code int64 (batch, tokens)}, output {@code [logits]},
 * {@code float32 (batch, classes)}.
 */
@NullMarked
package dev.tango.train.loop;

import org.jspecify.annotations.NullMarked;
