package dev.tango.admin.dataset;

import java.text.Normalizer;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tango.core.tier.UnicodeText;

/**
 * The rules of data set names: 1 to 256 characters, without control, formatting (such as
 * right-to-left overrides) or lone surrogate characters, and not starting or ending with
 * a space of any kind, which would make two names look alike or garble the pages; and the
 * prefix {@value #JOB_PREFIX}, kept for the data sets that jobs store, so that no upload
 * can put rows in a job's place. A name is kept in Unicode normalization form C, so that
 * {@code café} typed with a composed {@code é} or with {@code e} and a combining accent
 * (as some file systems name files) is one name.
 */
public final class DatasetNames {

	/**
	 * The prefix of the names of the data sets that jobs store (a calibration's
	 * feedback).
	 */
	public static final String JOB_PREFIX = "feedback:";

	private static final Pattern STORED_BY_JOB = Pattern.compile(Pattern.quote(JOB_PREFIX) + ".*:job-(\\d{1,18})");

	private DatasetNames() {
	}

	/**
	 * Returns the name of the data set a job stores from a cascade's feedback.
	 * @param cascade the cascade's name
	 * @param job the job's identifier
	 * @return {@code feedback:<cascade>:job-<job>}
	 */
	public static String storedByJob(String cascade, long job) {
		return JOB_PREFIX + cascade + ":job-" + job;
	}

	/**
	 * Returns the job that stored a data set, from its name ({@link #storedByJob}): the
	 * job reads it as long as it runs.
	 * @param name the data set's name
	 * @return the job's identifier, or empty if no job stored it
	 */
	public static OptionalLong storingJob(String name) {
		Matcher matcher = STORED_BY_JOB.matcher(name);
		return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
	}

	/**
	 * Checks the name of an upload.
	 * @param name the name
	 * @return the name in normalization form C
	 * @throws DatasetRejectedException if it breaks a rule, or starts with
	 * {@value #JOB_PREFIX} in any case
	 */
	static String checkUpload(String name) {
		String normalized = check(name);
		if (normalized.regionMatches(true, 0, JOB_PREFIX, 0, JOB_PREFIX.length())) {
			throw new DatasetRejectedException(null, "names starting with '" + JOB_PREFIX
					+ "' are kept for the data sets that calibration jobs store from feedback: choose another");
		}
		return normalized;
	}

	/**
	 * Checks the name of a job's data set.
	 * @param name the name
	 * @return the name in normalization form C
	 * @throws IllegalArgumentException if it does not start with {@value #JOB_PREFIX}
	 * @throws DatasetRejectedException if it breaks a rule
	 */
	static String checkJob(String name) {
		if (!name.startsWith(JOB_PREFIX)) {
			throw new IllegalArgumentException("A job's data set is named " + JOB_PREFIX + "..., not " + name);
		}
		return check(name);
	}

	private static String check(String name) {
		String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
		if (normalized.isBlank() || normalized.length() > 256) {
			throw new DatasetRejectedException(null, "a data set needs a name of 1 to 256 characters");
		}
		UnicodeText.nameFault(normalized).ifPresent((fault) -> {
			throw new DatasetRejectedException(null, "a data set's name " + fault);
		});
		return normalized;
	}

}
