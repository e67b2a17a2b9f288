package dev.tango.admin.training;

import java.time.Duration;

import dev.tango.admin.job.JobContext;
import dev.tango.train.loop.TrainingListener;
import dev.tango.train.loop.TrainingProgress;

/**
 * Passes a training loop's progress to its job: the phase {@value #PHASE} with steps done
 * of all and the loop's own estimate of the time left (plus a margin for what follows),
 * before it the teacher's scoring as the phase {@value #TEACHER_PHASE} with texts scored
 * of all and the linear probe's fit ({@value #PROBE_PHASE}), and the curves
 * {@value #LOSS} (the loss of every step) and {@value #HELD_OUT_ACCURACY} (each held-out
 * evaluation), written at least at every checkpoint. A cancelled or lost job makes
 * {@link #onProgress} (and {@link #onTeacherProgress} and {@link #onProbeProgress}, where
 * nothing is lost yet) throw {@link dev.tango.admin.job.JobCancelledException}, which
 * ends the loop as a crash would: its last checkpoint stays, and a restarted attempt
 * resumes from it.
 *
 * @param context the job's context
 * @param from the job's percent when the loop starts
 * @param to its percent when the loop ends
 * @param after the time the job is expected to take once the loop ends
 */
record JobTrainingListener(JobContext context, double from, double to, Duration after) implements TrainingListener {

	/** The job's phase while the loop runs. */
	static final String PHASE = "training";

	/**
	 * The job's phase while a teacher scores the texts trained on, before the loop, from
	 * half the loop's starting percent to three quarters of it.
	 */
	static final String TEACHER_PHASE = "the teacher labelling the texts trained on";

	/**
	 * The job's phase, followed by the fit's own phase ({@code embedding},
	 * {@code fitting}), while the linear probe that starts the head is fitted, after the
	 * teacher and before the loop, from three quarters of the loop's starting percent to
	 * it.
	 */
	static final String PROBE_PHASE = "fitting the linear probe";

	/** The curve of the training loss by step. */
	static final String LOSS = "loss";

	/** The curve of the held-out accuracy by step. */
	static final String HELD_OUT_ACCURACY = "heldOutAccuracy";

	@Override
	public void onProgress(TrainingProgress progress) {
		this.context.point(LOSS, progress.step(), progress.loss());
		if (progress.evaluated()) {
			this.context.point(HELD_OUT_ACCURACY, progress.step(), progress.heldOutAccuracy());
		}
		if (progress.checkpointed()) {
			// a restarted attempt resumes after this step: the curves must reach it
			this.context.flushPoints();
		}
		this.context.progress(PHASE, this.from, this.to, progress.step(), progress.totalSteps(),
				progress.eta().plus(this.after));
	}

	@Override
	public void onTeacherProgress(long done, long total) {
		this.context.progress(TEACHER_PHASE, this.from / 2, this.from * 3 / 4, done, total);
	}

	@Override
	public void onProbeProgress(String phase, long done, long total) {
		this.context.progress(PROBE_PHASE + ": " + phase, this.from * 3 / 4, this.from, done, total);
	}

}
