package dev.tango.train.fit;

/**
 * What a fit reports as it goes, on the thread that runs the fit: the inputs embedded so
 * far (phase {@value #EMBEDDING}, reported after each batch), then the L2 strengths tried
 * and the final refit (phase {@value #FITTING}). A listener may throw to stop the fit,
 * such as when a job is cancelled: the fit ends with that exception once the batches
 * already being embedded on other threads have finished; those not started are dropped.
 */
@FunctionalInterface
public interface FitProgress {

	/** The phase in which the inputs are embedded. */
	String EMBEDDING = "embedding";

	/** The phase in which L2 strengths are tried, then the head refitted. */
	String FITTING = "fitting";

	/** Reports nothing. */
	FitProgress NONE = (phase, done, total) -> {
	};

	/**
	 * Reports progress.
	 * @param phase {@value #EMBEDDING} or {@value #FITTING}
	 * @param done the items of the phase done: inputs, or fits
	 * @param total the items of the phase in all, at least {@code done}
	 */
	void report(String phase, long done, long total);

}
