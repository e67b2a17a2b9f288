package dev.tango.admin.calibration;

import java.util.List;
import java.util.Objects;

import dev.tango.core.calibration.CalibrationOptions;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.Validation;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * What a calibrate job calibrates, on what, and how. Absent values take the defaults
 * below.
 *
 * @param cascade the cascade's name
 * @param version the version to calibrate; default the active one, else the latest
 * @param datasetId the labelled data set; without it, {@code feedback} must be true
 * @param split only the data set's rows of this split; default every row
 * @param calibrationFraction with it, a held-out part is set aside instead of
 * cross-fitting: the share of rows (per label) the thresholds are chosen on, in
 * {@code (0, 1)}; the rest is held out to report on
 * @param folds without {@code calibrationFraction}: the number of folds of the
 * cross-fitting that estimates how the thresholds, chosen on every row, do on rows the
 * choice did not see; 2 to 100, default 10
 * @param seed the seed of the folds (or the split) and of the cost sample; default 42
 * @param policy the threshold policy, as the bench's {@code calibrate} options give it
 * too; default an accuracy budget of half a point
 * @param temperatureScaling whether to fit each gated tier's softmax temperature on the
 * calibration part first; default false
 * @param measureCosts whether to measure each tier's cost at several batch sizes and
 * thread counts (else the cost while scoring is used, and the new version keeps the
 * calibrated one's thread counts); default true
 * @param batchSizes the batch sizes to measure; default 1, 8, 32
 * @param threadCounts the ONNX Runtime intra-op thread counts to measure the tiers that
 * run ONNX Runtime at; default 1, 2
 * @param costSample how many inputs of the calibration part to time; default 128
 * @param activate whether to activate the new version; default false. A version estimated
 * slower out of sample than its last tier alone is left inactive, and so is one when
 * somebody changed the active version after the job was submitted
 * @param feedback whether to calibrate on the cascade's feedback instead of a data set:
 * the newest {@value #FEEDBACK_ROWS} items that came with their text, stored first as a
 * data set of their own ({@code feedback:<cascade>:job-<id>}) so that the calibration
 * names the rows it used; default false
 */
public record CalibrateParameters(@NotBlank String cascade, @Nullable Integer version, @Nullable Long datasetId,
		@Nullable String split, @Nullable Double calibrationFraction, @Nullable Integer folds, @Nullable Long seed,
		@Nullable PolicySpec policy, @Nullable Boolean temperatureScaling, @Nullable Boolean measureCosts,
		@Nullable List<Integer> batchSizes, @Nullable List<Integer> threadCounts, @Nullable Integer costSample,
		@Nullable Boolean activate, @Nullable Boolean feedback) {

	/** The most items of feedback a calibration from feedback reads, the newest. */
	public static final int FEEDBACK_ROWS = 100_000;

	/**
	 * Returns whether the job calibrates on the cascade's feedback.
	 * @return {@code true} if {@code feedback} is
	 */
	public boolean fromFeedback() {
		return Boolean.TRUE.equals(this.feedback);
	}

	/**
	 * Returns the shared pipeline's options these parameters ask for, its defaults filled
	 * in.
	 * @return the options
	 * @throws IllegalArgumentException if the folds or the calibration fraction are out
	 * of range
	 */
	public CalibrationOptions options() {
		Validation validation = (this.calibrationFraction != null)
				? new Validation.HeldOutPart(this.calibrationFraction)
				: new Validation.CrossFitted(Objects.requireNonNullElse(this.folds, Validation.DEFAULT_FOLDS));
		return new CalibrationOptions(validation, seedOrDefault(), Boolean.TRUE.equals(this.temperatureScaling), null);
	}

	long seedOrDefault() {
		return Objects.requireNonNullElse(this.seed, CalibrationOptions.DEFAULT_SEED);
	}

	/**
	 * Returns the policy asked for, or the default.
	 * @return the policy's specification
	 */
	public PolicySpec policyOrDefault() {
		return Objects.requireNonNullElse(this.policy, PolicySpec.DEFAULT);
	}

	List<Integer> batchSizesOrDefault() {
		return Objects.requireNonNullElse(this.batchSizes, List.of(1, 8, 32));
	}

	List<Integer> threadCountsOrDefault() {
		return Objects.requireNonNullElse(this.threadCounts, List.of(1, 2));
	}

	int costSampleOrDefault() {
		return Objects.requireNonNullElse(this.costSample, 128);
	}

	/**
	 * Checks the values that a job would otherwise fail on only after loading models.
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public void check() {
		if ((this.datasetId == null) != fromFeedback()) {
			throw new IllegalArgumentException("Give exactly one of datasetId (to calibrate on a data set) and "
					+ "\"feedback\": true (to calibrate on the cascade's feedback)");
		}
		if (this.calibrationFraction != null && this.folds != null) {
			throw new IllegalArgumentException(
					"Give calibrationFraction (to set a held-out part aside) or folds " + "(to cross-fit), not both");
		}
		options();
		policyOrDefault().toPolicy();
		if (batchSizesOrDefault().isEmpty()
				|| batchSizesOrDefault().stream().anyMatch((b) -> b == null || b < 1 || b > 4096)) {
			throw new IllegalArgumentException("batchSizes must be 1 to 4096: " + this.batchSizes);
		}
		if (threadCountsOrDefault().isEmpty()
				|| threadCountsOrDefault().stream().anyMatch((t) -> t == null || t < 1 || t > 64)) {
			throw new IllegalArgumentException("threadCounts must be 1 to 64: " + this.threadCounts);
		}
		if (costSampleOrDefault() < 1) {
			throw new IllegalArgumentException("costSample must be positive");
		}
	}

}
