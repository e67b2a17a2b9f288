/**
 * The {@code fine-tune} command: trains an encoder tier end to end and exports it as the
 * runtime serves it.
 */
@NullMarked
package dev.tango.bench.finetune;

import org.jspecify.annotations.NullMarked;
