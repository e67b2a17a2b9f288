package dev.tango.admin.dataset;

import java.util.Locale;

/**
 * The rules of data set names: 1 to 256 characters, without control, formatting (such as
 * right-to-left overrides) or lone surrogate characters, which would make two names look
 * alike or garble the pages; and the prefix {@value #JOB_PREFIX}, kept for the data sets
 * that jobs store, so that no upload can put rows in a job's place.
 */
public final class DatasetNames {

	/**
	 * The prefix of the names of the data sets that jobs store (a calibration's
	 * feedback).
	 */
	public static final String JOB_PREFIX = "feedback:";

	private DatasetNames() {
	}

	/**
	 * Checks the name of an upload.
	 * @param name the name
	 * @throws DatasetRejectedException if it breaks a rule, or starts with
	 * {@value #JOB_PREFIX} in any case
	 */
	static void checkUpload(String name) {
		if (name.regionMatches(true, 0, JOB_PREFIX, 0, JOB_PREFIX.length())) {
			throw new DatasetRejectedException(null, "names starting with '" + JOB_PREFIX
					+ "' are kept for the data sets that calibration jobs store from feedback: choose another");
		}
		check(name);
	}

	/**
	 * Checks the name of a job's data set.
	 * @param name the name
	 * @throws IllegalArgumentException if it does not start with {@value #JOB_PREFIX}
	 * @throws DatasetRejectedException if it breaks a rule
	 */
	static void checkJob(String name) {
		if (!name.startsWith(JOB_PREFIX)) {
			throw new IllegalArgumentException("A job's data set is named " + JOB_PREFIX + "..., not " + name);
		}
		check(name);
	}

	private static void check(String name) {
		if (name.isBlank() || name.length() > 256) {
			throw new DatasetRejectedException(null, "a data set needs a name of 1 to 256 characters");
		}
		for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
			int type = Character.getType(name.codePointAt(i));
			if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
					|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
				throw new DatasetRejectedException(null,
						String.format(Locale.ROOT,
								"a data set's name holds U+%04X at character %d: names take no control, formatting "
										+ "(such as right-to-left overrides) or surrogate characters",
								name.codePointAt(i), i));
			}
		}
	}

}
