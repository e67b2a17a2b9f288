package dev.tango.api.oip;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The server's metadata in the Open Inference Protocol.
 *
 * @param name {@code tango}
 * @param version the service's version
 * @param extensions the protocol extensions it supports: none
 */
@Schema(name = "ServerMetadataResponse", description = "The server's name, version and protocol extensions")
record ServerMetadata(@Schema(example = "tango") String name, @Schema(example = "0.1.0") String version,
		List<String> extensions) {

}
