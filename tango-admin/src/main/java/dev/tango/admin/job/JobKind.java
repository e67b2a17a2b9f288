package dev.tango.admin.job;

/**
 * What a job does.
 */
public enum JobKind {

	/** Fits a linear head on a data set and registers it as a new model version. */
	FIT_HEAD,

	/** Evaluates every tier and the cascade of a cascade version on a data set. */
	EVALUATE,

	/** Chooses thresholds for a cascade version and creates a new version with them. */
	CALIBRATE

}
