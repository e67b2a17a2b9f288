/**
 * Drift watch: sequential tests that tell, answer by answer, when a served cascade's live
 * escalation rates or label mix leave what calibration measured, with a stated bound on
 * the probability of a false alarm.
 */
@NullMarked
package dev.tango.core.drift;

import org.jspecify.annotations.NullMarked;
