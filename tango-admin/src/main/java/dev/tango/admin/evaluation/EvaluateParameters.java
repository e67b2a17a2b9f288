package dev.tango.admin.evaluation;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * What an evaluate job evaluates, on what.
 *
 * @param cascade the cascade's name
 * @param version the version; default the active one, else the latest
 * @param datasetId the labelled data set
 * @param split only the data set's rows of this split; default every row
 */
public record EvaluateParameters(@NotBlank String cascade, @Nullable Integer version, long datasetId,
		@Nullable String split) {

}
