package dev.tango.bench.data;

import dev.tango.bench.OptionChecks;
import dev.tango.runtime.data.LabelledDataset;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The option of the commands that can measure on the first rows of a file alone:
 * {@code --limit}, the most rows to use, in file order; all of them when it is not given.
 */
public final class RowLimitOption {

	@Option(names = "--limit", description = "use only the first N rows")
	@Nullable Integer limit;

	/**
	 * Returns the rows of a labelled set to use.
	 * @param dataset the whole set
	 * @return its first {@code --limit} rows, or the set itself when it has no more
	 * @throws IllegalArgumentException if {@code --limit} is under 1
	 */
	public LabelledDataset first(LabelledDataset dataset) {
		check();
		return (this.limit != null && this.limit < dataset.size()) ? dataset.slice(0, this.limit) : dataset;
	}

	/**
	 * Tells whether another row is to be used after those already taken.
	 * @param taken the rows taken so far, from the start of the file
	 * @return {@code true} if there is no {@code --limit} or fewer rows than it were
	 * taken; {@link #check} first
	 */
	public boolean allowsMore(int taken) {
		return this.limit == null || taken < this.limit;
	}

	/**
	 * Refuses a {@code --limit} under 1, which would leave nothing to measure.
	 * @throws IllegalArgumentException if it is
	 */
	public void check() {
		if (this.limit != null) {
			OptionChecks.atLeastOne("--limit", this.limit);
		}
	}

}
