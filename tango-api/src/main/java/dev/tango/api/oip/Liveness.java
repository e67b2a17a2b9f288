package dev.tango.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The server's liveness in the Open Inference Protocol.
 *
 * @param live {@code true} while the process serves HTTP
 */
@Schema(name = "ServerLiveResponse", description = "Whether the server is live")
record Liveness(boolean live) {

}
