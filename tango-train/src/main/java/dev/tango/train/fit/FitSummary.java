package dev.tango.train.fit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.tango.runtime.data.LabelledDataset;

/**
 * What a head fit gave, as both doors report it: the admin's fit-head job returns it
 * (with where the head was registered) and the bench's {@code fit-head} and
 * {@code fit-lexical} print {@link #sentence()}.
 *
 * @param kind the head's kind, such as {@code linear}
 * @param data the data set's name
 * @param dataSha256 its sha256
 * @param rows the rows fitted on
 * @param labels the head's labels, in output order
 * @param l2 the chosen L2 strength
 * @param heldOutAccuracy the accuracy on the rows held out to choose the strength
 * @param heldOutLogLoss the mean log-loss on those rows
 * @param heldOutRows how many rows were held out
 * @param featureSeconds the time spent computing features
 * @param fitSeconds the time spent fitting
 */
public record FitSummary(String kind, String data, String dataSha256, int rows, List<String> labels, double l2,
		double heldOutAccuracy, double heldOutLogLoss, int heldOutRows, double featureSeconds, double fitSeconds) {

	public FitSummary {
		Objects.requireNonNull(kind, "kind");
		labels = List.copyOf(labels);
	}

	/**
	 * Summarises a fit.
	 * @param result the fit
	 * @param data the data set it was fitted on
	 * @return the summary
	 */
	public static FitSummary of(FitResult result, LabelledDataset data) {
		return new FitSummary(result.head().kind().id(), data.name(), data.sha256(), data.size(),
				result.head().head().labels(), result.l2(), result.heldOutAccuracy(), result.heldOutLogLoss(),
				Objects.requireNonNull(result.head().training(), "training").heldOutRows(),
				result.featureTime().toMillis() / 1e3, result.fitTime().toMillis() / 1e3);
	}

	/**
	 * Returns the summary as one sentence for people.
	 * @return the sentence, without a line break
	 */
	public String sentence() {
		return String.format(Locale.ROOT,
				"%s head on %s (%d rows, %d labels, sha256 %s): L2 %s, held-out accuracy %.4f, log-loss %.4f "
						+ "(%d rows held out); features %.1f s, fit %.1f s",
				this.kind, this.data, this.rows, this.labels.size(), this.dataSha256, this.l2, this.heldOutAccuracy,
				this.heldOutLogLoss, this.heldOutRows, this.featureSeconds, this.fitSeconds);
	}

}
