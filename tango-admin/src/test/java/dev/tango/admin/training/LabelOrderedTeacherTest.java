package dev.tango.admin.training;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.TierRunner;
import dev.tango.train.distil.Teacher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A teacher's probabilities put in the order of a student's labels.
 */
class LabelOrderedTeacherTest {

	private static final Teacher TEACHER = new Teacher() {

		@Override
		public String id() {
			return "teacher:1";
		}

		@Override
		public List<String> labels() {
			return List.of("a", "b", "c");
		}

		@Override
		public double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress) {
			return new double[][] { { 0.7, 0.2, 0.1 }, { 0.1, 0.3, 0.6 } };
		}

	};

	@Test
	void theColumnsFollowTheStudentsLabels() {
		Teacher ordered = LabelOrderedTeacher.of(TEACHER, List.of("c", "a", "b"));

		assertThat(ordered.id()).isEqualTo("teacher:1");
		assertThat(ordered.labels()).containsExactly("c", "a", "b");
		assertThat(ordered.probabilities(List.of(TextInput.of("x"), TextInput.of("y")), 2, (done, total) -> {
		})).isDeepEqualTo(new double[][] { { 0.1, 0.7, 0.2 }, { 0.6, 0.1, 0.3 } });
	}

	@Test
	void aTeacherInTheSameOrderOrWithOtherLabelsIsLeftAsItIs() {
		assertThat(LabelOrderedTeacher.of(TEACHER, List.of("a", "b", "c"))).isSameAs(TEACHER);
		assertThat(LabelOrderedTeacher.of(TEACHER, List.of("b", "a"))).isSameAs(TEACHER);
		assertThat(LabelOrderedTeacher.of(TEACHER, List.of("b", "a", "d"))).isSameAs(TEACHER);
	}

}
