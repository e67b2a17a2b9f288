package dev.tango.api.oip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.tango.api.classify.Classification;
import dev.tango.api.classify.ClassificationService;
import dev.tango.api.classify.ClassifyCommand;
import dev.tango.api.classify.InvalidInputException;
import dev.tango.api.serving.CascadeNotFoundException;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.CascadeStatus;
import dev.tango.api.serving.ServedCascade;
import dev.tango.api.web.AsyncResponses;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.TextInput;

/**
 * The Open Inference Protocol v2 over REST. Each active cascade is a model; the version
 * that serves is its only version. Errors are the protocol's {@code {"error": "..."}}
 * objects (see {@link dev.tango.api.web.ApiExceptionHandler}).
 */
@RestController
@Tag(name = "Open Inference Protocol v2", description = "KServe and Triton compatible endpoints")
class OpenInferenceController {

	static final String LABEL = "label";

	static final String CONFIDENCE = "confidence";

	static final String TIER = "tier";

	static final String PROBABILITIES = "probabilities";

	static final String ANSWER_ID = "answer_id";

	private static final List<String> OUTPUTS = List.of(LABEL, CONFIDENCE, TIER, PROBABILITIES, ANSWER_ID);

	private static final String NAME_DESCRIPTION = "The cascade's name";

	private static final String VERSION_DESCRIPTION = "A version of the cascade: it must be the one that serves";

	private final CascadeServer server;

	private final ClassificationService service;

	private final AsyncResponses responses;

	private final String version;

	OpenInferenceController(CascadeServer server, ClassificationService service, AsyncResponses responses,
			ObjectProvider<BuildProperties> build) {
		this.server = server;
		this.service = service;
		this.responses = responses;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "unknown";
	}

	@Operation(operationId = "serverMetadata", summary = "Server metadata",
			description = "The server's name (tango), version and protocol extensions (none). Needs no API key.")
	@GetMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
	ServerMetadata server() {
		return new ServerMetadata("tango", this.version, List.of());
	}

	@Operation(operationId = "serverLive", summary = "Server liveness",
			description = "200 while the process serves HTTP. Needs no API key.")
	@GetMapping(path = "/v2/health/live", produces = MediaType.APPLICATION_JSON_VALUE)
	Liveness live() {
		return new Liveness(true);
	}

	@Operation(operationId = "serverReady", summary = "Server readiness",
			description = "200 once every active cascade serves, else 503, both with the same body. Needs no API key.")
	@ApiResponse(responseCode = "200", description = "Ready")
	@ApiResponse(responseCode = "503", description = "Not ready",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Readiness.class)))
	@GetMapping(path = "/v2/health/ready", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Readiness> ready() {
		boolean ready = this.server.ready();
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new Readiness(null, ready));
	}

	@Operation(operationId = "modelReady", summary = "Model readiness",
			description = "200 if a version of the cascade serves, else 503, both with the same body.")
	@ApiResponse(responseCode = "200", description = "A version serves")
	@ApiResponse(responseCode = "503", description = "No version serves yet",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Readiness.class)))
	@GetMapping(path = "/v2/models/{name}/ready", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Readiness> modelReady(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name) {
		return modelReady(name, null);
	}

	@Operation(operationId = "modelVersionReady", summary = "Model version readiness",
			description = "200 if this version of the cascade serves, else 503, both with the same body.")
	@ApiResponse(responseCode = "200", description = "This version serves")
	@ApiResponse(responseCode = "503", description = "Another version, or none, serves",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = Readiness.class)))
	@GetMapping(path = "/v2/models/{name}/versions/{version}/ready", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Readiness> modelReady(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name,
			@Parameter(description = VERSION_DESCRIPTION) @PathVariable @Nullable String version) {
		checkVersion(version);
		CascadeStatus status = this.server.status(name).orElse(null);
		if (status == null && this.server.synced()) {
			throw new CascadeNotFoundException(name);
		}
		Integer served = (status != null) ? status.servedVersion() : null;
		boolean ready = served != null && (version == null || version.equals(served.toString()));
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new Readiness(name, ready));
	}

	@Operation(operationId = "modelMetadata", summary = "Model metadata",
			description = "The tensors and labels of the version of the cascade that serves.")
	@GetMapping(path = "/v2/models/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
	ModelMetadata metadata(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name) {
		return metadata(name, null);
	}

	@Operation(operationId = "modelVersionMetadata", summary = "Model version metadata",
			description = "As the model's metadata, if this version serves; 404 otherwise.")
	@GetMapping(path = "/v2/models/{name}/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
	ModelMetadata metadata(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name,
			@Parameter(description = VERSION_DESCRIPTION) @PathVariable @Nullable String version) {
		checkVersion(version);
		ServedCascade served = this.server.require(name, version);
		List<ModelMetadata.Tensor> outputs = List.of(
				new ModelMetadata.Tensor(LABEL, InferenceInputs.BYTES, List.of(-1)),
				new ModelMetadata.Tensor(CONFIDENCE, "FP32", List.of(-1)),
				new ModelMetadata.Tensor(TIER, "INT32", List.of(-1)),
				new ModelMetadata.Tensor(PROBABILITIES, "FP32", List.of(-1, served.labels().size())),
				new ModelMetadata.Tensor(ANSWER_ID, InferenceInputs.BYTES, List.of(-1)));
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("labels", String.join(",", Label.names(served.labels())));
		parameters.put("label_ids", String.join(",", Label.ids(served.labels())));
		parameters.put("tiers", String.join(",", served.tierNames()));
		return new ModelMetadata(name, List.of(Integer.toString(served.versionNumber())), "tango_cascade",
				List.of(new ModelMetadata.Tensor(InferenceInputs.TEXT, InferenceInputs.BYTES, List.of(-1))), outputs,
				parameters);
	}

	@Operation(operationId = "modelInfer", summary = "Inference",
			description = "Classifies the texts of the BYTES input 'text' (pairs with 'text_pair') with the version of the cascade that serves.")
	@PostMapping(path = "/v2/models/{name}/infer", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<InferenceResponse> infer(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name,
			@RequestBody InferenceRequest request,
			@Parameter(description = "Keeps the requests that share this key on one cascade version during a canary "
					+ "release; the parameter request_key does the same") @RequestHeader(
							name = ClassifyCommand.REQUEST_KEY_HEADER, required = false) @Nullable String requestKey) {
		return infer(name, null, request, requestKey);
	}

	@Operation(operationId = "modelVersionInfer", summary = "Inference with a model version",
			description = "As the model's inference, if this version serves; 404 otherwise.")
	@PostMapping(path = "/v2/models/{name}/versions/{version}/infer", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<InferenceResponse> infer(@Parameter(description = NAME_DESCRIPTION) @PathVariable String name,
			@Parameter(description = VERSION_DESCRIPTION) @PathVariable @Nullable String version,
			@RequestBody InferenceRequest request) {
		return infer(name, version, request, null);
	}

	private DeferredResult<InferenceResponse> infer(String name, @Nullable String version, InferenceRequest request,
			@Nullable String requestKey) {
		checkVersion(version);
		ServedCascade served = this.server.require(name, version);
		List<String> outputs = requestedOutputs(request.outputs());
		List<TextInput> inputs = InferenceInputs.read(request.inputs());
		boolean truncate = booleanParameter(request.parameters(), "truncate", true);
		if (booleanParameter(request.parameters(), "binary_data_output", false)) {
			throw new InvalidInputException("Binary tensor data is not supported: ask for JSON outputs");
		}
		String key = (requestKey != null) ? requestKey : stringParameter(request.parameters(), "request_key");
		ClassifyCommand command = new ClassifyCommand(name, version, inputs, outputs.contains(PROBABILITIES), truncate,
				ClassifyCommand.Protocol.OIP, key);
		String id = request.id();
		return this.responses.defer(this.service.classify(served, command), (result) -> response(result, id, outputs));
	}

	/**
	 * Refuses a version in a path that is not one, {@code 01} included, the same way on
	 * every endpoint that names one.
	 */
	private static void checkVersion(@Nullable String version) {
		if (version != null && !version.matches("[1-9][0-9]{0,8}")) {
			throw new InvalidInputException("Version '" + version
					+ "' is not a version: versions are whole numbers from 1 to 999999999, written without leading zeros");
		}
	}

	private static InferenceResponse response(Classification result, @Nullable String id, List<String> names) {
		List<Prediction> predictions = result.predictions();
		int n = predictions.size();
		List<InferenceResponse.Output> outputs = new ArrayList<>(names.size());
		for (String name : names) {
			outputs.add(switch (name) {
				case LABEL -> new InferenceResponse.Output(LABEL, InferenceInputs.BYTES, List.of(n),
						predictions.stream().map(result::labelName).toList());
				case CONFIDENCE -> new InferenceResponse.Output(CONFIDENCE, "FP32", List.of(n),
						predictions.stream().map((p) -> (float) p.confidence()).toList());
				case TIER -> new InferenceResponse.Output(TIER, "INT32", List.of(n),
						predictions.stream().map(Prediction::tier).toList());
				case ANSWER_ID ->
					new InferenceResponse.Output(ANSWER_ID, InferenceInputs.BYTES, List.of(n), result.answerIds());
				default -> probabilities(predictions, result.labels().size());
			});
		}
		return new InferenceResponse(result.cascade(), Integer.toString(result.version()), id, outputs);
	}

	private static InferenceResponse.Output probabilities(List<Prediction> predictions, int labels) {
		List<Float> data = new ArrayList<>(predictions.size() * labels);
		for (Prediction prediction : predictions) {
			float[] values = prediction.probabilities();
			for (int i = 0; i < labels; i++) {
				data.add((values != null) ? values[i] : Float.NaN);
			}
		}
		return new InferenceResponse.Output(PROBABILITIES, "FP32", List.of(predictions.size(), labels), data);
	}

	private static List<String> requestedOutputs(@Nullable List<InferenceRequest.@Nullable Output> outputs) {
		if (outputs == null || outputs.isEmpty()) {
			return OUTPUTS;
		}
		if (outputs.size() > OUTPUTS.size()) {
			throw new InvalidInputException("The request asks for " + outputs.size() + " outputs; there are "
					+ OUTPUTS.size() + " (" + String.join(", ", OUTPUTS) + "), each asked for at most once");
		}
		Set<String> names = new LinkedHashSet<>();
		for (InferenceRequest.Output output : outputs) {
			if (output == null || output.name() == null) {
				throw new InvalidInputException("Every requested output needs a name, one of " + OUTPUTS);
			}
			if (!OUTPUTS.contains(output.name())) {
				throw new InvalidInputException(
						"Unknown output '" + output.name() + "': the outputs are " + String.join(", ", OUTPUTS));
			}
			if (booleanParameter(output.parameters(), "binary_data", false)) {
				throw new InvalidInputException("Binary tensor data is not supported: ask for JSON outputs");
			}
			if (!names.add(output.name())) {
				throw new InvalidInputException("Output '" + output.name() + "' is asked for twice");
			}
		}
		return List.copyOf(names);
	}

	private static @Nullable String stringParameter(@Nullable Map<String, @Nullable Object> parameters, String name) {
		if (parameters == null || parameters.get(name) == null) {
			return null;
		}
		if (parameters.get(name) instanceof String value) {
			return value;
		}
		throw new InvalidInputException("Parameter '" + name + "' must be a string");
	}

	private static boolean booleanParameter(@Nullable Map<String, @Nullable Object> parameters, String name,
			boolean fallback) {
		if (parameters == null || !parameters.containsKey(name)) {
			return fallback;
		}
		if (parameters.get(name) instanceof Boolean value) {
			return value;
		}
		throw new InvalidInputException("Parameter '" + name + "' must be a boolean");
	}

}
