package dev.tango.admin.registry.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tango.admin.registry.CascadeComparison;
import dev.tango.admin.registry.CascadeTargets;
import dev.tango.admin.registry.ModelRegistration;
import dev.tango.admin.rest.JsonResource;
import dev.tango.models.registry.ActivationRecord;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.registry.RollbackRequest;

/**
 * The registry over HTTP: models and their versions, cascades and their versions,
 * activation, rollback, audit history, calibrations and comparisons. Every change is
 * recorded under the authenticated caller's name.
 */
@JsonResource("/api")
@Tag(name = "registry", description = "Model and cascade versions, activation and audit")
class RegistryController {

	private final ModelRegistry registry;

	private final ModelRegistration registration;

	private final CascadeTargets targets;

	RegistryController(ModelRegistry registry, ModelRegistration registration, CascadeTargets targets) {
		this.registry = registry;
		this.registration = registration;
		this.targets = targets;
	}

	@GetMapping("/models")
	@Operation(summary = "List the names of all models")
	List<String> models() {
		return this.registry.listModels();
	}

	@GetMapping("/models/{model}/versions")
	@Operation(summary = "List a model's versions, oldest first")
	List<ModelVersion> modelVersions(@PathVariable String model) {
		List<ModelVersion> versions = this.registry.listModelVersions(model);
		if (versions.isEmpty()) {
			throw new RegistryNotFoundException("No model '" + model + "'");
		}
		return versions;
	}

	@GetMapping("/models/{model}/versions/{version}")
	@Operation(summary = "Show one model version")
	ModelVersion modelVersion(@PathVariable String model, @PathVariable int version) {
		return this.registry.findModelVersion(new ModelKey(model, version))
			.orElseThrow(() -> new RegistryNotFoundException("No model version " + model + ":" + version));
	}

	@PostMapping("/models/{model}/versions")
	@Operation(summary = "Register a new version of a model",
			description = "The kind names an installed tier kind, which says which artifacts the version needs; "
					+ "an unknown kind is refused, listing the installed ones. The upper-case kinds of earlier "
					+ "releases are deprecated aliases (see the kind field). Every artifact with a sha256 is "
					+ "fetched and compared first unless verify=false.")
	ResponseEntity<ModelVersion> registerModelVersion(@PathVariable String model,
			@Valid @RequestBody ModelVersionRequest request, @RequestParam(defaultValue = "true") boolean verify,
			Principal principal) {
		ModelVersion created = this.registration.register(request.toNew(model, principal.getName()), verify);
		return ResponseEntity.created(URI.create("/api/models/" + model + "/versions/" + created.version()))
			.body(created);
	}

	@GetMapping("/cascades")
	@Operation(summary = "List the names of all cascades")
	List<String> cascades() {
		return this.registry.listCascades();
	}

	@GetMapping("/cascades/active")
	@Operation(summary = "List the active version of every cascade")
	List<ActiveCascade> activeCascades() {
		return this.registry.listActive();
	}

	@GetMapping("/cascades/{cascade}/versions")
	@Operation(summary = "List a cascade's versions, oldest first")
	List<CascadeVersion> cascadeVersions(@PathVariable String cascade) {
		return this.registry.requireCascadeVersions(cascade);
	}

	@GetMapping("/cascades/{cascade}/versions/{version}")
	@Operation(summary = "Show one cascade version")
	CascadeVersion cascadeVersion(@PathVariable String cascade, @PathVariable int version) {
		return this.targets.find(cascade, version);
	}

	@PostMapping("/cascades/{cascade}/versions")
	@Operation(summary = "Create a new version of a cascade")
	ResponseEntity<CascadeVersion> createCascadeVersion(@PathVariable String cascade,
			@Valid @RequestBody CascadeVersionRequest request, Principal principal) {
		CascadeVersion created = this.registry.createCascadeVersion(request.toNew(cascade, principal.getName()));
		return ResponseEntity.created(URI.create("/api/cascades/" + cascade + "/versions/" + created.version()))
			.body(created);
	}

	@GetMapping("/cascades/{cascade}/versions/{version}/calibrations")
	@Operation(summary = "List the calibrations of a cascade version, oldest first")
	List<CalibrationResult> calibrations(@PathVariable String cascade, @PathVariable int version) {
		return this.registry.listCalibrations(cascade, version);
	}

	@GetMapping("/cascades/{cascade}/active")
	@Operation(summary = "Show the active version of a cascade")
	ActiveCascade active(@PathVariable String cascade) {
		return this.registry.getActive(cascade)
			.orElseThrow(() -> new RegistryNotFoundException("No active version of cascade '" + cascade + "'"));
	}

	@PostMapping("/cascades/{cascade}/activate")
	@Operation(summary = "Make a cascade version the active one")
	ActiveCascade activate(@PathVariable String cascade, @RequestBody ActivationBody body, Principal principal) {
		if (body.version() == null) {
			throw new InvalidRegistryRequestException("An activation names the version to activate");
		}
		return this.registry.activate(new ActivationRequest(cascade, body.version(), principal.getName(),
				body.checkedReason(), body.checkedExpectedRevision()));
	}

	@PostMapping("/cascades/{cascade}/rollback")
	@Operation(summary = "Roll a cascade back to its previous active version, or to a named one")
	ActiveCascade rollback(@PathVariable String cascade, @RequestBody ActivationBody body, Principal principal) {
		return this.registry.rollback(new RollbackRequest(cascade, body.version(), principal.getName(),
				body.checkedReason(), body.checkedExpectedRevision()));
	}

	@GetMapping("/cascades/{cascade}/history")
	@Operation(summary = "List a cascade's activations and rollbacks, newest first")
	List<ActivationRecord> history(@PathVariable String cascade) {
		this.registry.requireCascadeVersions(cascade);
		return this.registry.history(cascade);
	}

	@GetMapping("/cascades/{cascade}/compare")
	@Operation(summary = "Compare two versions of a cascade: tiers, gates, batch settings, calibrations")
	CascadeComparison compare(@PathVariable String cascade, @RequestParam int from, @RequestParam int to) {
		return this.targets.compare(cascade, from, to);
	}

}
