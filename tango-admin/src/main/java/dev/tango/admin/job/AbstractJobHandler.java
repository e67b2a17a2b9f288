package dev.tango.admin.job;

/**
 * A {@link JobHandler} whose kind and parameters type are given once, at construction, so
 * that an implementation states only how it checks and runs its jobs.
 *
 * @param <P> the type of the job's parameters
 */
public abstract class AbstractJobHandler<P> implements JobHandler<P> {

	private final String kind;

	private final Class<P> parametersType;

	/**
	 * Creates a handler.
	 * @param kind the name of its kind, as {@link JobHandler#kind()} describes it
	 * @param parametersType the record type of its parameters
	 */
	protected AbstractJobHandler(String kind, Class<P> parametersType) {
		this.kind = kind;
		this.parametersType = parametersType;
	}

	@Override
	public String kind() {
		return this.kind;
	}

	@Override
	public Class<P> parametersType() {
		return this.parametersType;
	}

}
