package dev.tango.admin.training;

import java.util.List;

/**
 * What a distil job produced: the result of the job.
 *
 * @param model the registered student, {@code name:version}
 * @param headUri where its head file was written
 * @param headSha256 the head file's sha256
 * @param teacher the teaching tier's model version, {@code name:version}, and its cascade
 * version
 * @param labels the labels in output order (the teacher's)
 * @param rows the rows trained on: labelled, unlabelled and augmented
 * @param augmentedRows how many of them are augmented variants
 * @param temperature the temperature of the teacher's probabilities
 * @param alpha the weight of the hard labels
 * @param l2 the chosen L2 strength
 * @param heldOutAccuracy the student's accuracy on held-out labelled rows
 * @param heldOutAgreement the share of those rows where it predicts the teacher's label
 * @param teacherHeldOutAccuracy the teacher's accuracy on them
 * @param teacherSeconds the time spent scoring with the teacher
 * @param fitSeconds the time spent fitting
 */
public record DistilReport(String model, String headUri, String headSha256, String teacher, List<String> labels,
		int rows, int augmentedRows, double temperature, double alpha, double l2, double heldOutAccuracy,
		double heldOutAgreement, double teacherHeldOutAccuracy, double teacherSeconds, double fitSeconds) {

}
