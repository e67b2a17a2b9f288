package dev.tango.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.tango.runtime.artifact.ArtifactFolders;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.onnx.OnnxExternalData.Reference;
import dev.tango.runtime.onnx.UnsafeModelException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The check every ONNX model passes before an ONNX Runtime session is created for it
 * ({@link OnnxRunner#open}) and when it is registered: the file must be an ONNX protobuf,
 * and every tensor whose data is external must name, as {@code location}, a relative,
 * normalised path ({@code /}-separated, no {@code .}, {@code ..} or empty segment, no
 * backslash, drive, colon or control character) to a regular file inside the model's own
 * folder, reached without following any symbolic link, and declared with its own sha256,
 * which its content must match; and every declared file must be referenced by some
 * tensor. Anything else is refused with an {@link UnsafeModelException} naming the tensor
 * and the reason, before any file it names is opened. A model without external data
 * passes after one read of its structure (raw tensor data is skipped).
 *
 * <p>
 * A verified folder is one that only Tango writes (the artifact store): a file changed
 * between this check and the session's creation is not detected. Thread-safe.
 */
public final class OnnxModelCheck {

	private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

	private OnnxModelCheck() {
	}

	/**
	 * Checks a model file and the external data it references: every reference must be a
	 * declared, verified file of the model's folder, and every declared file must be
	 * referenced by some tensor.
	 * @param model the {@code .onnx} file, whose folder is the only place external data
	 * may live, and its declared external-data files
	 * @throws UnsafeModelException if the model is unreadable as ONNX, a reference is
	 * refused, or a declared file is referenced by no tensor
	 * ({@link Reason#UNREFERENCED})
	 * @throws IOException if a file cannot be read
	 */
	public static void check(OnnxModelFile model) throws IOException {
		Map<String, String> externalData = model.externalData();
		List<Reference> references = OnnxExternalData.references(model.file());
		Set<String> verified = new HashSet<>();
		if (!references.isEmpty()) {
			Path folder = model.file().toAbsolutePath().getParent().toRealPath();
			for (Reference reference : references) {
				String location = reference.location();
				if (location == null || location.isEmpty()) {
					throw new UnsafeModelException(Reason.MISSING_LOCATION, reference.tensor(),
							"the tensor is stored externally but names no location");
				}
				checkLocation(reference.tensor(), location);
				if (verified.add(location)) {
					verify(folder, reference.tensor(), location, externalData.get(location), model.file());
				}
			}
		}
		for (String declared : new TreeSet<>(externalData.keySet())) {
			if (!verified.contains(declared)) {
				throw new UnsafeModelException(Reason.UNREFERENCED, null,
						"external data '" + printable(declared) + "' is declared alongside the model, but no tensor of "
								+ model.file().getFileName() + " references it");
			}
		}
	}

	/**
	 * Checks that a path is one an external-data {@code location} may be: relative and
	 * normalised, as the class description says. Whether a file is there is not checked.
	 * @param location the path
	 * @throws UnsafeModelException if the path is refused; its tensor is {@code null}
	 */
	public static void checkLocation(String location) throws UnsafeModelException {
		if (location.isEmpty()) {
			throw new UnsafeModelException(Reason.MISSING_LOCATION, null, "the external data location is empty");
		}
		checkLocation(null, location);
	}

	private static void verify(Path folder, String tensor, String location, @Nullable String expected, Path model)
			throws IOException {
		if (expected == null) {
			throw new UnsafeModelException(Reason.UNDECLARED, tensor, "external data '" + location
					+ "' is not declared with its own sha256 alongside the model " + model.getFileName());
		}
		Path file = regularFileInside(folder, tensor, location);
		if (!Sha256.of(file).equals(expected)) {
			throw new UnsafeModelException(Reason.CHECKSUM_MISMATCH, tensor,
					"external data '" + location + "' does not match its declared sha256");
		}
	}

	private static void checkLocation(@Nullable String tensor, String location) throws UnsafeModelException {
		String shown = "external data location '" + printable(location) + "'";
		if (location.indexOf('\\') >= 0) {
			throw new UnsafeModelException(Reason.WINDOWS_SEPARATOR, tensor, shown + " contains a backslash");
		}
		if (location.startsWith("/") || DRIVE.matcher(location).matches()) {
			throw new UnsafeModelException(Reason.ABSOLUTE_PATH, tensor, shown + " is absolute");
		}
		for (String segment : location.split("/", -1)) {
			if (segment.equals("..")) {
				throw new UnsafeModelException(Reason.PARENT_SEGMENT, tensor, shown + " climbs out with '..'");
			}
			if (segment.isEmpty() || segment.equals(".")) {
				throw new UnsafeModelException(Reason.NOT_NORMALISED, tensor,
						shown + " is not a normalised relative path");
			}
		}
		if (location.chars().anyMatch((c) -> c < 0x20 || c == 0x7f || c == ':')) {
			throw new UnsafeModelException(Reason.NOT_NORMALISED, tensor,
					shown + " contains a control character or colon");
		}
		if (location.chars().anyMatch((c) -> ArtifactFolders.RESERVED_CHARACTERS.indexOf(c) >= 0)) {
			throw new UnsafeModelException(Reason.RESERVED_CHARACTER, tensor,
					shown + " contains one of " + ArtifactFolders.RESERVED_CHARACTERS
							+ ", which name no file (ONNX Runtime reads " + "*/_ORT_MEM_ADDR_/* as a memory address)");
		}
	}

	private static Path regularFileInside(Path folder, String tensor, String location) throws IOException {
		String shown = "external data '" + location + "'";
		Path current = folder;
		String[] segments = location.split("/");
		for (int i = 0; i < segments.length; i++) {
			current = current.resolve(segments[i]);
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				throw new UnsafeModelException(Reason.NOT_FOUND, tensor, shown + " is not in the model's folder");
			}
			if (attributes.isSymbolicLink()) {
				throw new UnsafeModelException(Reason.LEAVES_FOLDER, tensor,
						shown + " goes through a symbolic link; external data must be a file of the model's folder");
			}
			boolean last = i == segments.length - 1;
			if (!last && !attributes.isDirectory()) {
				throw new UnsafeModelException(Reason.NOT_FOUND, tensor, shown + " is not in the model's folder");
			}
			if (last && !attributes.isRegularFile()) {
				throw new UnsafeModelException(Reason.NOT_A_REGULAR_FILE, tensor,
						shown + " is not a regular file (a directory, device, FIFO or socket)");
			}
		}
		if (!current.startsWith(folder)) {
			throw new UnsafeModelException(Reason.LEAVES_FOLDER, tensor, shown + " is outside the model's folder");
		}
		return current;
	}

	private static String printable(String location) {
		StringBuilder out = new StringBuilder();
		location.codePoints()
			.limit(200)
			.forEach((c) -> out.append((c < 0x20 || c == 0x7f) ? String.format("\\u%04x", c) : Character.toString(c)));
		return out.toString();
	}

}
