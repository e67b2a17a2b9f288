package dev.tango.models.registry;

import java.util.Objects;

/**
 * Addresses a model version as {@code name:version}.
 *
 * @param name the model's name
 * @param version the version number, from 1
 */
public record ModelKey(String name, int version) {

	public ModelKey {
		Objects.requireNonNull(name, "name");
	}

	/**
	 * Parses {@code name:version}.
	 * @param text the text
	 * @return the key
	 * @throws InvalidRegistryRequestException if the text is not of that form
	 */
	public static ModelKey parse(String text) {
		int colon = text.lastIndexOf(':');
		if (colon <= 0 || !text.substring(colon + 1).matches("[1-9][0-9]{0,8}")) {
			throw new InvalidRegistryRequestException("Expected name:version, got '" + text + "'");
		}
		return new ModelKey(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
	}

	@Override
	public String toString() {
		return this.name + ":" + this.version;
	}

}
