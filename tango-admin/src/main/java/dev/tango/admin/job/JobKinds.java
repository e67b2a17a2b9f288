package dev.tango.admin.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kinds of job this instance knows: every {@link JobHandler} bean, by name. Adding a
 * kind is adding a handler bean; nothing here, in the schema or in the API lists the
 * kinds. Immutable and thread-safe.
 */
public final class JobKinds {

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

	private static final Pattern ASCII_NAME = Pattern.compile("[A-Za-z0-9_]+");

	private final Map<String, JobHandler<?>> byName;

	/**
	 * Indexes handlers by the name of their kind.
	 * @param handlers the handlers, in the order they are listed
	 * @throws IllegalStateException if a name is malformed or two handlers share one
	 */
	public JobKinds(List<? extends JobHandler<?>> handlers) {
		Map<String, JobHandler<?>> index = new LinkedHashMap<>();
		for (JobHandler<?> handler : handlers) {
			String name = handler.kind();
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalStateException("Job handler " + handler.getClass().getName() + " names its kind '"
						+ name + "': use 1 to 32 upper-case letters, digits and underscores, starting with a letter");
			}
			JobHandler<?> earlier = index.putIfAbsent(name, handler);
			if (earlier != null) {
				throw new IllegalStateException("Two job handlers run " + name + " jobs: "
						+ earlier.getClass().getName() + " and " + handler.getClass().getName());
			}
		}
		this.byName = Collections.unmodifiableMap(index);
	}

	/**
	 * Returns the handler of a kind.
	 * @param kind the kind's name, in any case (names are upper-case)
	 * @return the handler, or empty if this instance knows no such kind
	 */
	public Optional<JobHandler<?>> find(String kind) {
		return Optional.ofNullable(this.byName.get(canonical(kind)));
	}

	/**
	 * Whether a text can name a kind: in {@link #canonical canonical} form, 1 to 32
	 * upper-case ASCII letters, digits and underscores, starting with a letter.
	 * @param kind the text, in any case
	 * @return whether some kind could be named so
	 */
	public static boolean isName(String kind) {
		return NAME.matcher(canonical(kind)).matches();
	}

	/**
	 * Returns a kind's name as kinds are named and stored: upper-case. Only ASCII letters
	 * are folded, so that no other character ({@code ß}, a dotless {@code ı}, a ligature)
	 * becomes part of a kind's name.
	 * @param kind the name in any case
	 * @return the name with ASCII letters in upper case, or as given if it holds anything
	 * but ASCII letters, digits and underscores
	 */
	public static String canonical(String kind) {
		return ASCII_NAME.matcher(kind).matches() ? kind.toUpperCase(Locale.ROOT) : kind;
	}

	/**
	 * Returns the names of the known kinds.
	 * @return the names, in registration order
	 */
	public Set<String> names() {
		return this.byName.keySet();
	}

}
