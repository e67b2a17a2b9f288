package dev.tango.admin.fitting;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.RegistryDescriptions;
import dev.tango.models.registry.RegistryNames;
import dev.tango.runtime.encoder.BundledEncoder;

/**
 * What a fit-head job fits, on what.
 *
 * @param model the name of the model to register a new version of
 * @param datasetId the labelled data set
 * @param split only the data set's rows of this split; default every row
 * @param encoder a bundled encoder's id ({@code all-minilm-l6-v2-q},
 * {@code bge-small-en-v1.5}) for an encoder head, or {@code lexical} for a lexical model
 * @param l2Grid the L2 strengths to choose from; default the fitter's grid
 * @param seed the seed of the held-out split that chooses the strength; default 42
 * @param description free text for the model version, or {@code null}
 */
public record FitHeadParameters(@NotBlank String model, long datasetId, @Nullable String split,
		@NotBlank String encoder, @Nullable List<Double> l2Grid, @Nullable Long seed, @Nullable String description) {

	/** The {@link #encoder()} value of a lexical model. */
	public static final String LEXICAL = "lexical";

	/**
	 * Checks the values a job would otherwise fail on later.
	 * @throws IllegalArgumentException if the encoder is unknown or the grid is empty
	 * @throws dev.tango.models.registry.InvalidRegistryRequestException if the model name
	 * breaks the registry's rule (such as {@code ../x})
	 */
	public void check() {
		RegistryNames.check("model", this.model);
		RegistryDescriptions.check(this.description);
		if (!LEXICAL.equals(this.encoder) && BundledEncoder.byId(this.encoder).isEmpty()) {
			throw new IllegalArgumentException("Unknown encoder '" + this.encoder + "': use " + LEXICAL + " or one of "
					+ Arrays.stream(BundledEncoder.values()).map(BundledEncoder::id).toList());
		}
		if (this.l2Grid != null && (this.l2Grid.isEmpty()
				|| this.l2Grid.stream().anyMatch((l2) -> l2 == null || !(l2 >= 0) || l2.isInfinite()))) {
			throw new IllegalArgumentException("l2Grid needs at least one strength, each a finite non-negative number");
		}
	}

}
