package dev.tango.admin.training;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;

import dev.tango.admin.registry.CascadeTargets;
import dev.tango.core.tier.Label;
import dev.tango.models.loading.CascadeVersionLoader;
import dev.tango.models.loading.LoadedCascadeVersion;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.train.distil.Teacher;
import dev.tango.train.distil.TierTeacher;

/**
 * A teacher opened from the registry: the last tier of a cascade version, loaded for as
 * long as the student trains, run as the cascade batches it. Closing it closes the loaded
 * version. Not thread-safe.
 */
final class RegisteredTeacher implements AutoCloseable {

	private final LoadedCascadeVersion loaded;

	private final TierTeacher teacher;

	private final String description;

	private RegisteredTeacher(LoadedCascadeVersion loaded, TierTeacher teacher, String description) {
		this.loaded = loaded;
		this.teacher = teacher;
		this.description = description;
	}

	/**
	 * Checks a teacher before a job is queued: its settings, that its cascade version
	 * exists, and that it knows every label of the rows it will label.
	 * @param targets finds the cascade version
	 * @param request the teacher asked for
	 * @param rowLabels the labels of the rows the student is trained on
	 * @return the teacher's labels, in its order
	 * @throws IllegalArgumentException if a setting is out of range, the version does not
	 * exist, or a row's label is not one of the teacher's
	 */
	static List<String> check(CascadeTargets targets, TeacherRequest request, Collection<String> rowLabels) {
		List<String> labels = labels(targets, request);
		if (!labels.containsAll(rowLabels)) {
			throw new IllegalArgumentException("teacher: the labels of cascade " + request.cascade() + ", " + labels
					+ ", are not all the labels of the rows, " + List.copyOf(rowLabels));
		}
		return labels;
	}

	/**
	 * Checks the teacher of a fine-tune before the job is queued: its settings, that its
	 * cascade version exists, and that its labels are exactly those of the rows the
	 * student trains on, in any order ({@link #teacherFor} puts its probabilities in
	 * theirs): the student's classes are the rows' labels, and its targets are the
	 * teacher's probabilities over them.
	 * @param targets finds the cascade version
	 * @param request the teacher asked for
	 * @param rowLabels the labels of the rows trained on, in the student's order
	 * @throws IllegalArgumentException if a setting is out of range, the version does not
	 * exist, or its labels are not the rows'
	 */
	static void checkSameLabels(CascadeTargets targets, TeacherRequest request, List<String> rowLabels) {
		List<String> labels = labels(targets, request);
		if (!new HashSet<>(labels).equals(new HashSet<>(rowLabels))) {
			throw new IllegalArgumentException("teacher: The teacher's labels " + labels
					+ " are not the training rows' " + rowLabels + ": the last tier of cascade " + request.cascade()
					+ " must know the labels of the rows trained on, and no others (in any order)");
		}
	}

	private static List<String> labels(CascadeTargets targets, TeacherRequest request) {
		request.check();
		try {
			return Label.ids(targets.find(request.cascade(), request.version()).labels());
		}
		catch (RegistryNotFoundException ex) {
			throw new IllegalArgumentException("teacher: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Loads the teacher a request names.
	 * @param targets finds the cascade version
	 * @param loader loads it
	 * @param request the teacher asked for
	 * @return the teacher, to be closed by the caller
	 */
	static RegisteredTeacher open(CascadeTargets targets, CascadeVersionLoader loader, TeacherRequest request) {
		CascadeVersion version = targets.find(request.cascade(), request.version());
		CascadeTier last = version.tiers().get(version.tiers().size() - 1);
		LoadedCascadeVersion loaded = loader.load(version);
		TierTeacher teacher = new TierTeacher(last.model().key().toString(),
				loaded.stages().get(loaded.stages().size() - 1).tier(), last.batchSize());
		return new RegisteredTeacher(loaded, teacher,
				last.model().key() + " (last tier of " + version.cascade() + " version " + version.version() + ")");
	}

	/**
	 * Returns the teacher.
	 * @return the last tier as a teacher
	 */
	TierTeacher teacher() {
		return this.teacher;
	}

	/**
	 * Returns the teacher with its probabilities in the order of the labels a student
	 * trains on ({@link LabelOrderedTeacher}).
	 * @param labels the student's labels: the teacher's, in any order
	 * @return the teacher in that order; as it is if its labels are others, which the
	 * training refuses
	 */
	Teacher teacherFor(List<String> labels) {
		return LabelOrderedTeacher.of(this.teacher, labels);
	}

	/**
	 * Returns what the teacher is, for reports.
	 * @return the model version and the cascade version it is the last tier of
	 */
	String description() {
		return this.description;
	}

	@Override
	public void close() {
		this.loaded.close();
	}

}
