package dev.tango.runtime.cascade;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tier kinds a cascade can use, by name. Immutable and thread-safe.
 */
public final class TierKinds {

	private final Map<String, TierKind> kinds;

	/**
	 * Creates a registry of the given kinds.
	 * @param kinds the kinds, with distinct names
	 * @throws IllegalArgumentException if two kinds have the same name
	 */
	public TierKinds(Collection<? extends TierKind> kinds) {
		Map<String, TierKind> byName = new LinkedHashMap<>();
		for (TierKind kind : kinds) {
			TierKind previous = byName.putIfAbsent(kind.name(), kind);
			if (previous != null) {
				throw new IllegalArgumentException("Two tier kinds are named '" + kind.name() + "': "
						+ previous.getClass().getName() + " and " + kind.getClass().getName());
			}
		}
		this.kinds = Map.copyOf(byName);
	}

	/**
	 * Returns the kinds listed in
	 * {@code META-INF/services/dev.tango.runtime.cascade.TierKind} on the class path of
	 * the given class loader.
	 * @param classLoader the class loader to search
	 * @return the kinds
	 * @throws java.util.ServiceConfigurationError if a listed kind cannot be created
	 */
	public static TierKinds installed(ClassLoader classLoader) {
		return new TierKinds(
				ServiceLoader.load(TierKind.class, classLoader).stream().map(ServiceLoader.Provider::get).toList());
	}

	/**
	 * Returns the kinds installed on this library's class path (see
	 * {@link #installed(ClassLoader)}), read once.
	 * @return the kinds
	 */
	public static TierKinds installed() {
		return Installed.KINDS;
	}

	/**
	 * Returns these kinds with one kind added, in place of the kind of the same name if
	 * there is one: how an application configures a kind that {@code META-INF/services}
	 * created with defaults.
	 * @param kind the kind
	 * @return the kinds
	 */
	public TierKinds with(TierKind kind) {
		Map<String, TierKind> byName = new LinkedHashMap<>(this.kinds);
		byName.put(kind.name(), kind);
		return new TierKinds(byName.values());
	}

	/**
	 * Returns the kind with a name.
	 * @param name the name
	 * @return the kind
	 * @throws InvalidTierSpecException on field {@code kind} if no installed kind has
	 * that name
	 */
	public TierKind get(String name) {
		return find(name).orElseThrow(() -> new InvalidTierSpecException("kind",
				"tier kind '" + name + "' is not available in this build; available: " + names()));
	}

	/**
	 * Returns the kind with a name, if one is installed.
	 * @param name the name
	 * @return the kind, or empty
	 */
	public Optional<TierKind> find(String name) {
		return Optional.ofNullable(this.kinds.get(name));
	}

	/**
	 * Returns the installed kinds.
	 * @return the kinds, in no particular order
	 */
	public Collection<TierKind> all() {
		return this.kinds.values();
	}

	/**
	 * Returns the names of the installed kinds.
	 * @return the names, sorted
	 */
	public Set<String> names() {
		return new TreeSet<>(this.kinds.keySet());
	}

	/**
	 * Checks a spec against its kind.
	 * @param spec the spec
	 * @return the spec's kind
	 * @throws InvalidTierSpecException if the kind is not installed or refuses the spec
	 */
	public TierKind validate(TierSpec spec) {
		TierKind kind = get(spec.kind());
		kind.validate(spec);
		return kind;
	}

	/** The kinds of this library's class loader, read on first use. */
	private static final class Installed {

		static final TierKinds KINDS = installed(TierKind.class.getClassLoader());

	}

}
