package dev.tango.api.drift;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.drift.DriftMonitor;
import dev.tango.core.drift.DriftStatus;

/**
 * A served cascade version under watch: its monitor, the last snapshot of its streams
 * (refreshed on the reporter's thread, read by gauges and health) and when it was last
 * written to the registry.
 */
final class WatchedVersion {

	private final String cascade;

	private final int version;

	private final DriftMonitor monitor;

	private volatile List<DriftStatus> latest;

	private @Nullable Instant written;

	private boolean writtenAlarm;

	WatchedVersion(String cascade, int version, DriftMonitor monitor) {
		this.cascade = cascade;
		this.version = version;
		this.monitor = monitor;
		this.latest = monitor.statuses();
	}

	String cascade() {
		return this.cascade;
	}

	int version() {
		return this.version;
	}

	DriftMonitor monitor() {
		return this.monitor;
	}

	/**
	 * Returns the last snapshot.
	 * @return the streams' statuses
	 */
	List<DriftStatus> latest() {
		return this.latest;
	}

	/**
	 * Returns whether any stream alarmed in the last snapshot.
	 * @return whether it alarms
	 */
	boolean alarm() {
		return this.latest.stream().anyMatch(DriftStatus::alarm);
	}

	/**
	 * Takes a new snapshot and says whether it is due in the registry: never written, its
	 * alarm rose or cleared, or the interval passed. Reporter thread only.
	 */
	boolean refresh(Instant now, java.time.Duration interval) {
		this.latest = this.monitor.statuses();
		return this.written == null || alarm() != this.writtenAlarm || !now.isBefore(this.written.plus(interval));
	}

	/** Notes that the snapshot was written. Reporter thread only. */
	void written(Instant now) {
		this.written = now;
		this.writtenAlarm = alarm();
	}

	/** Makes the next refresh write again, as after a failure to write. */
	void unwritten() {
		this.written = null;
	}

}
