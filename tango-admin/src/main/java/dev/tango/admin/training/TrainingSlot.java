package dev.tango.admin.training;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import dev.tango.admin.job.JobContext;

/**
 * The one training run this process may have at a time: the training engine records
 * gradients process-wide, so training jobs take turns however many jobs the instance runs
 * at once.
 */
@Component
public class TrainingSlot {

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Waits for the slot, reporting the wait as the job's phase and stopping if the job
	 * is cancelled meanwhile.
	 * @param context the waiting job
	 * @param percent the job's percent while it waits
	 * @return the held slot, to be closed when the run ends
	 * @throws dev.tango.admin.job.JobCancelledException if the job is cancelled while it
	 * waits
	 * @throws InterruptedException if the thread is interrupted
	 */
	public Held acquire(JobContext context, double percent) throws InterruptedException {
		while (!this.lock.tryLock(1, TimeUnit.SECONDS)) {
			context.progress("waiting for another training job to end", percent, 0, null);
		}
		return this.lock::unlock;
	}

	/** The slot while held. */
	@FunctionalInterface
	public interface Held extends AutoCloseable {

		@Override
		void close();

	}

}
