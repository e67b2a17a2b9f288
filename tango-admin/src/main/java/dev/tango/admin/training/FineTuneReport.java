package dev.tango.admin.training;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.admin.calibration.CalibrationReport;

/**
 * What a fine-tune job produced: the result of the job.
 *
 * @param models the registered model versions, {@code name:version}: the float32 tier,
 * then the int8 tier when asked for
 * @param folder where the exported files are (a {@code file:} URI)
 * @param provenance the export's {@code training.json} (a {@code file:} URI)
 * @param dataset the data set trained on (and split)
 * @param datasetSha256 its digest
 * @param labels the classifier's labels in output order
 * @param rows the rows trained on
 * @param heldOutRows the rows held out
 * @param steps the steps done in all, skipped ones included
 * @param resumedFromStep the step this attempt resumed from: 0 for a fresh run, the
 * checkpoint's step for a restarted one
 * @param skippedSteps the steps whose gradient was not finite, those of earlier attempts
 * included: each left the weights as they were and drew no point on the loss curve
 * @param heldOutAccuracy the best held-out accuracy, whose weights were exported, or
 * {@code null} if nothing was evaluated
 * @param bestStep the step of that accuracy
 * @param seed the seed of the run
 * @param wallSeconds the time of this attempt's run: data, linear probe, training and
 * export
 * @param cascade the calibration of the cascade version the float32 tier was added to,
 * when asked for: its source version holds the new tier, its new version is calibrated
 */
public record FineTuneReport(List<String> models, String folder, String provenance, String dataset,
		String datasetSha256, List<String> labels, int rows, int heldOutRows, long steps, long resumedFromStep,
		long skippedSteps, @Nullable Double heldOutAccuracy, long bestStep, long seed, double wallSeconds,
		@Nullable CalibrationReport cascade) {

}
