/**
 * Distillation: a teacher's temperature-softened probabilities over labelled and
 * unlabelled texts ({@link dev.tango.train.distil.Teacher}) as the targets of a cheaper
 * student, here the lexical tier's head
 * ({@link dev.tango.train.distil.LexicalDistiller}).
 */
@NullMarked
package dev.tango.train.distil;

import org.jspecify.annotations.NullMarked;
