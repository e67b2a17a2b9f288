package dev.tango.e2e;

import org.jspecify.annotations.Nullable;

/** Closing what a test started. */
final class Resources {

	private Resources() {
	}

	/**
	 * Closes resources in the order given, skipping the {@code null} ones (those a failed
	 * start left unset). Each is closed even if an earlier one failed; the first failure
	 * is thrown, with the later ones suppressed in it.
	 * @param resources the resources
	 * @throws Exception the first failure
	 */
	static void closeAll(@Nullable AutoCloseable... resources) throws Exception {
		Exception failure = null;
		for (AutoCloseable resource : resources) {
			if (resource == null) {
				continue;
			}
			try {
				resource.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
