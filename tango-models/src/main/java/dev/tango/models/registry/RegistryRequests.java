package dev.tango.models.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.TemperatureScaling;
import dev.tango.core.tier.Label;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.runtime.onnx.OnnxModelCheck;
import dev.tango.runtime.onnx.UnsafeModelException;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierRegistration;

/**
 * Checks of registry requests that need no database: names, texts, labels, options,
 * artifacts and tier settings. Each check throws {@link InvalidRegistryRequestException}
 * saying what is wrong; none has side effects.
 */
final class RegistryRequests {

	/** A model option's name. */
	static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	/** A sha256 digest in hexadecimal. */
	static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	/** The most external-data files a model version declares. */
	static final int MAX_EXTERNAL_DATA_FILES = 256;

	/** The longest name of a file or folder that file systems store (NAME_MAX). */
	private static final int MAX_FILE_NAME_BYTES = 255;

	private RegistryRequests() {
	}

	/**
	 * Checks a new model version and its artifacts: content by the artifact rules (the
	 * URI validator, a sha256), addresses (roles the kind does not checksum, such as a
	 * remote endpoint) by the kind's own rule ({@link TierKind#checkAddress}), the one a
	 * serving instance applies.
	 * @param request the request
	 * @param uriValidator validates the URI of each artifact that is content
	 * @param kinds the tier kinds, as the application configured them
	 * @return the artifacts by role, with their sha256 normalised where the kind needs
	 * one
	 */
	static Map<ArtifactRole, ArtifactRef> checkModelVersion(NewModelVersion request, ArtifactUriValidator uriValidator,
			TierKinds kinds) {
		RegistryNames.check("model", request.model());
		checkText("createdBy", request.createdBy(), 128, false);
		RegistryDescriptions.check(request.description());
		TierKind kind = kind(kinds, request.kind());
		checkLabels(request.labels());
		if (request.maxInputLength() < 1 || request.maxInputLength() > TierRegistration.UNLIMITED_INPUT) {
			throw new InvalidRegistryRequestException(
					"maxInputLength must be between 1 and " + TierRegistration.UNLIMITED_INPUT);
		}
		request.options().forEach((name, value) -> {
			if (!OPTION_NAME.matcher(name).matches()) {
				throw new InvalidRegistryRequestException("Invalid option name '" + name + "'");
			}
			checkText("option " + name, value, 2048, false);
		});
		for (String role : kind.artifactRoles()) {
			if (kind.artifactNeed(role) == ArtifactNeed.REQUIRED && ArtifactRole.of(role).isEmpty()) {
				throw new InvalidRegistryRequestException("A " + kind.name() + " model needs a '" + role
						+ "' artifact, which the registry does not store (it stores model, tokenizer, head and delta)");
			}
		}
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		for (ArtifactRole role : ArtifactRole.values()) {
			ArtifactRef ref = request.artifacts().get(role);
			ArtifactNeed need = kind.artifactNeed(role.id());
			if (ref == null) {
				if (need == ArtifactNeed.REQUIRED) {
					throw new InvalidRegistryRequestException(
							"A " + kind.name() + " model needs a " + role.id() + " artifact");
				}
				continue;
			}
			if (need == ArtifactNeed.ABSENT) {
				throw new InvalidRegistryRequestException(
						"A " + kind.name() + " model takes no " + role.id() + " artifact");
			}
			String sha256 = null;
			if (kind.checksummed(role.id())) {
				uriValidator.validate(ref.uri());
				sha256 = ArtifactUriValidator.checkSha256(ref.uri(), ref.sha256());
			}
			else if (ref.sha256() != null) {
				throw new InvalidRegistryRequestException(
						"The " + role.id() + " of a " + kind.name() + " model is an address and has no sha256");
			}
			else {
				checkAddress(kind, role, ref.uri());
			}
			artifacts.put(role, new ArtifactRef(ref.uri(), sha256));
		}
		return artifacts;
	}

	private static void checkAddress(TierKind kind, ArtifactRole role, String address) {
		checkText(role.id(), address, 2048, false);
		try {
			kind.checkAddress(role.id(), address);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRegistryRequestException(
					"The " + role.id() + " of a " + kind.name() + " model is refused: " + ex.getMessage());
		}
	}

	/**
	 * Returns the installed tier kind a model version names.
	 * @param kinds the installed kinds
	 * @param name the kind's name
	 * @return the kind
	 * @throws InvalidRegistryRequestException if no installed kind has that name, listing
	 * those that are
	 */
	static TierKind kind(TierKinds kinds, String name) {
		return kinds.find(name)
			.orElseThrow(() -> new InvalidRegistryRequestException(
					"Unknown model kind '" + name + "': the kinds installed in this build are " + kinds.names()));
	}

	/**
	 * Checks the external-data files of a new model version: only a kind that runs an
	 * ONNX model may declare any, at most {@value #MAX_EXTERNAL_DATA_FILES}; each path is
	 * a relative, normalised path as {@link OnnxModelCheck#checkLocation} demands, at
	 * most 1024 characters, not the model's own name, and declared once; each URI is
	 * allowed and each sha256 64 hexadecimal digits.
	 * @param request the request
	 * @param uriValidator validates each file's URI
	 * @param kinds the installed tier kinds
	 * @return the files in declared order, with their sha256 in lower case
	 */
	static List<ExternalDataFile> checkExternalData(NewModelVersion request, ArtifactUriValidator uriValidator,
			TierKinds kinds) {
		List<ExternalDataFile> files = request.externalData();
		if (files.isEmpty()) {
			return files;
		}
		if (!kind(kinds, request.kind()).runsOnnxRuntime()) {
			throw new InvalidRegistryRequestException(
					"A " + request.kind() + " model runs no ONNX model and declares no external data");
		}
		if (files.size() > MAX_EXTERNAL_DATA_FILES) {
			throw new InvalidRegistryRequestException(
					"A model version declares at most " + MAX_EXTERNAL_DATA_FILES + " external data files");
		}
		Set<String> paths = new HashSet<>();
		List<ExternalDataFile> checked = new ArrayList<>(files.size());
		for (ExternalDataFile file : files) {
			String path = file.path();
			checkText("external data path", path, 1024, false);
			try {
				OnnxModelCheck.checkLocation(path);
			}
			catch (UnsafeModelException ex) {
				throw new InvalidRegistryRequestException("Invalid external data path: " + ex.getMessage());
			}
			if (path.equals(ExternalDataFile.MODEL_FILE_NAME)
					|| path.startsWith(ExternalDataFile.MODEL_FILE_NAME + "/")) {
				throw new InvalidRegistryRequestException(
						"External data path '" + path + "' is or lies below the model's own name in its folder");
			}
			for (String segment : path.split("/")) {
				if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
					throw new InvalidRegistryRequestException(
							"External data path '" + path + "' has a name of more than " + MAX_FILE_NAME_BYTES
									+ " bytes, which file systems do not store");
				}
			}
			if (!paths.add(path)) {
				throw new InvalidRegistryRequestException("External data path '" + path + "' is declared twice");
			}
			uriValidator.validate(file.uri());
			checked.add(new ExternalDataFile(path, file.uri(),
					ArtifactUriValidator.checkSha256(file.uri(), file.sha256())));
		}
		for (String path : paths) {
			for (String other : paths) {
				if (other.startsWith(path + "/")) {
					throw new InvalidRegistryRequestException("External data path '" + path + "' names a file and the "
							+ "folder of '" + other + "' at once");
				}
			}
		}
		return checked;
	}

	/**
	 * Checks one tier of a new cascade version.
	 * @param i the tier's position, from 0
	 * @param tier the tier
	 * @param last whether it is the cascade's last tier
	 */
	static void checkTier(int i, NewTier tier, boolean last) {
		Gate gate = tier.gate();
		if (!last && gate == null) {
			throw new InvalidRegistryRequestException("Tier " + i + " needs a gate: only the last tier has none");
		}
		if (last && gate != null) {
			throw new InvalidRegistryRequestException("The last tier has no gate: it always answers");
		}
		if (gate != null) {
			if (!(gate.threshold() >= 0 && gate.threshold() <= 1)) {
				throw new InvalidRegistryRequestException("Tier " + i + ": threshold must be in [0, 1]");
			}
			if (!TemperatureScaling.inRange(gate.temperature())) {
				throw new InvalidRegistryRequestException("Tier " + i + ": temperature must be between "
						+ TemperatureScaling.MIN_TEMPERATURE + " and " + TemperatureScaling.MAX_TEMPERATURE
						+ " (the range calibration fits it in), was " + gate.temperature());
			}
		}
		if (tier.batchSize() < 1 || tier.batchSize() > 4096) {
			throw new InvalidRegistryRequestException("Tier " + i + ": batch size must be between 1 and 4096");
		}
		if (tier.maxBatchDelayMillis() < 0 || tier.maxBatchDelayMillis() > 60_000) {
			throw new InvalidRegistryRequestException("Tier " + i + ": batch delay must be between 0 and 60000 ms");
		}
		Integer threads = tier.intraOpThreads();
		if (threads != null && (threads < 1 || threads > OrtOptions.MAX_THREADS)) {
			throw new InvalidRegistryRequestException(
					"Tier " + i + ": intra-op threads must be between 1 and " + OrtOptions.MAX_THREADS);
		}
	}

	static void checkText(String what, @Nullable String text, int maxLength, boolean nullable) {
		if (text == null) {
			if (!nullable) {
				throw new InvalidRegistryRequestException(what + " is required");
			}
			return;
		}
		if (!nullable && text.isBlank()) {
			throw new InvalidRegistryRequestException(what + " must not be blank");
		}
		StorableText.require(what, text, maxLength);
	}

	/**
	 * Checks the labels of a model version to register: at least two; identifiers and
	 * display names storable and fit to name a label ({@link Label#textFault}: names
	 * people tell apart, without commas, in Unicode normalization form C); identifiers
	 * and names distinct; and no display name another label's identifier. Versions
	 * registered before a rule was added still load: loading checks only that labels are
	 * distinct.
	 * @param labels the labels
	 * @throws InvalidRegistryRequestException naming the first label that breaks a rule
	 */
	static void checkLabels(List<Label> labels) {
		if (labels.size() < 2) {
			throw new InvalidRegistryRequestException("A model has at least two labels");
		}
		for (Label label : labels) {
			checkLabelText("label '" + label.id() + "'", label.id());
			if (label.displayName() != null) {
				checkLabelText("display name '" + label.displayName() + "' of label '" + label.id() + "'",
						label.displayName());
			}
		}
		try {
			Label.distinct(labels);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRegistryRequestException("Labels must be distinct: " + ex.getMessage());
		}
		List<String> ids = Label.ids(labels);
		for (Label label : labels) {
			if (!label.name().equals(label.id()) && ids.contains(label.name())) {
				throw new InvalidRegistryRequestException("Label '" + label.id() + "' is shown as '" + label.name()
						+ "', the identifier of another label: feedback naming it could not tell the two apart");
			}
		}
	}

	/**
	 * Checks a label's identifier or display name: storable, and fit to name a label
	 * ({@link Label#textFault}).
	 */
	private static void checkLabelText(String what, String text) {
		checkText(what, text, 256, false);
		Label.textFault(text).ifPresent((fault) -> {
			throw new InvalidRegistryRequestException(what + " " + fault);
		});
	}

	static void checkGate(int gate, int gates) {
		if (gate < 0 || gate >= gates) {
			throw new InvalidRegistryRequestException(
					"Gate " + gate + " does not exist: this cascade version has " + gates + " gate(s)");
		}
	}

	static void checkUnit(String what, double value) {
		if (!(value >= 0 && value <= 1)) {
			throw new InvalidRegistryRequestException(what + " must be in [0, 1], got " + value);
		}
	}

}
