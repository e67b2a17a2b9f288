package dev.tango.models.release;

/**
 * How a release plan tries its candidate version on live traffic.
 */
public enum ReleaseMode {

	/**
	 * A sampled copy of the traffic goes to the candidate after the active version has
	 * answered; the candidate's answers are compared, never returned.
	 */
	SHADOW,

	/** A share of the traffic is answered by the candidate. */
	CANARY

}
