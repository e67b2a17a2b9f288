package dev.tango.admin.fitting;

import java.util.List;

import dev.tango.train.fit.FitSummary;

/**
 * What a fit-head job produced: the result of the job, the fit's {@link FitSummary} with
 * where its head was registered.
 *
 * @param model the registered model version, {@code name:version}
 * @param headUri where the head file was written
 * @param headSha256 its sha256
 * @param labels the labels in output order
 * @param rows the rows fitted on
 * @param l2 the chosen L2 strength
 * @param heldOutAccuracy the accuracy on the rows held out to choose the strength
 * @param heldOutLogLoss the mean log-loss on those rows
 * @param featureSeconds the time spent computing features
 * @param fitSeconds the time spent fitting
 */
public record FitReport(String model, String headUri, String headSha256, List<String> labels, int rows, double l2,
		double heldOutAccuracy, double heldOutLogLoss, double featureSeconds, double fitSeconds) {

	/**
	 * Returns the report of a registered fit.
	 * @param model the registered model version, {@code name:version}
	 * @param headUri where the head file was written
	 * @param headSha256 its sha256
	 * @param fit what the fit gave, as the bench's {@code fit-head} prints it too
	 * @return the report
	 */
	public static FitReport of(String model, String headUri, String headSha256, FitSummary fit) {
		return new FitReport(model, headUri, headSha256, fit.labels(), fit.rows(), fit.l2(), fit.heldOutAccuracy(),
				fit.heldOutLogLoss(), fit.featureSeconds(), fit.fitSeconds());
	}

}
