/**
 * Distillation: a teacher's temperature-softened probabilities over labelled and
 * unlabelled texts ({@link dev.tango.train.distil.Teacher}) as the targets of a cheaper
 * student: the lexical tier's head ({@link dev.tango.train.distil.LexicalDistiller})
 * here, a shallow transformer through {@link dev.tango.train.finetune.FineTuner}; both
 * record how they were distilled through
 * {@link dev.tango.train.distil.DistillationRecord}.
 */
@NullMarked
package dev.tango.train.distil;

import org.jspecify.annotations.NullMarked;
