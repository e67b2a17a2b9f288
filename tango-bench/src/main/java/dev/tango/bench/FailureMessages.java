package dev.tango.bench;

import java.lang.reflect.Field;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one-line messages the command line prints for failures. Most exceptions carry a
 * message meant for people; those of the file system and of character decoding carry only
 * a path or a byte count, which this turns into a sentence. Stateless.
 */
final class FailureMessages {

	private FailureMessages() {
	}

	/**
	 * Returns what to print of a failure.
	 * @param failure the failure
	 * @return its message, a sentence for the file system's and decoding's terse ones, or
	 * its class name where it has none
	 */
	static String of(Throwable failure) {
		return switch (failure) {
			case NoSuchFileException ex -> "no such file or folder: " + file(ex);
			case FileAlreadyExistsException ex -> "already exists: " + file(ex);
			case NotDirectoryException ex -> "not a folder: " + file(ex);
			case DirectoryNotEmptyException ex -> "the folder is not empty: " + file(ex);
			case AccessDeniedException ex -> "permission denied: " + file(ex);
			case FileSystemException ex -> Objects.requireNonNullElse(ex.getMessage(), file(ex));
			case CharacterCodingException ex -> "a file is not valid UTF-8 text (" + ex.getMessage() + ")";
			case NumberFormatException ex -> "not a number: "
					+ Objects.requireNonNullElse(ex.getMessage(), "").replaceFirst("^For input string: ", "");
			default -> Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getName());
		};
	}

	/**
	 * Returns what to print of a failure of a command: as {@link #of(Throwable)}, except
	 * that a setting refused by name (out of range, missing, or not one the thing set
	 * takes) is named by the command's option that gives it (marked {@link Setting}).
	 * @param failure the failure
	 * @param command the command that failed
	 * @return the message
	 */
	static String of(Throwable failure, CommandSpec command) {
		if (failure instanceof InvalidSettingException invalid) {
			for (OptionSpec option : command.options()) {
				if (option.userObject() instanceof Field field && field.isAnnotationPresent(Setting.class)
						&& field.getAnnotation(Setting.class).value().equals(invalid.setting())) {
					return option.longestName() + " " + invalid.problem();
				}
			}
		}
		return of(failure);
	}

	private static String file(FileSystemException ex) {
		String other = (ex.getOtherFile() != null) ? " and " + ex.getOtherFile() : "";
		String reason = (ex.getReason() != null) ? " (" + ex.getReason() + ")" : "";
		return ex.getFile() + other + reason;
	}

}
