package dev.tango.admin.fitting;

import java.util.List;

/**
 * What a fit-head job produced: the result of the job.
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

}
