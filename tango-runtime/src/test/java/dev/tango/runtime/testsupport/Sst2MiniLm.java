package dev.tango.runtime.testsupport;

/**
 * The tier that was tier 1 of the bundled {@code sst2-sentiment} cascade until a
 * distilled lexical student replaced it: the bundled all-MiniLM-L6-v2 int8 encoder with a
 * linear head fitted by tango-train on SST-2 (its training record is in the head file).
 * Tests keep it as a real, small SST-2 encoder tier.
 */
public final class Sst2MiniLm {

	/** The head file, as a class path resource. */
	public static final String HEAD = "dev/tango/runtime/testsupport/sst2-minilm-l6-q.head.json";

	/** A one-tier cascade descriptor of it (tier {@code sst2-minilm-l6-q}), as a URI. */
	public static final String CASCADE = "classpath:dev/tango/runtime/testsupport/sst2-minilm.cascade.json";

	private Sst2MiniLm() {
	}

}
