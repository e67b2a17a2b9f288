package dev.tango.core.tier;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabelTest {

	static final List<Label> NAMED = List.of(new Label("0", "negative"), new Label("1", "positive"));

	@Test
	void aLabelIsShownByItsDisplayNameElseByItsIdentifier() {
		assertThat(Label.names(NAMED)).containsExactly("negative", "positive");
		assertThat(Label.ids(NAMED)).containsExactly("0", "1");
		assertThat(Label.names(Label.of(List.of("0", "1")))).containsExactly("0", "1");
		assertThatIllegalArgumentException().isThrownBy(() -> new Label(" ", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Label("0", ""));
	}

	@Test
	void aLabelTextIsANameWithoutAComma() {
		assertThat(Label.textFault("very positive")).isEmpty();
		assertThat(Label.textFault("a,b")).hasValueSatisfying((fault) -> assertThat(fault).startsWith("holds a comma"));
		assertThat(Label.textFault("a\u200Bb")).isEqualTo(UnicodeText.nameFault("a\u200Bb")).isPresent();
		assertThat(Label.textFault(" a")).isPresent();
		assertThat(Label.textFault("caf\u00e9")).isEmpty();
		assertThat(Label.textFault("cafe\u0301"))
			.hasValueSatisfying((fault) -> assertThat(fault).startsWith("is not in Unicode normalization form C")
				.endsWith("('caf\u00e9')"));
	}

	@Test
	void identifiersAndNamesAreDistinct() {
		assertThat(Label.distinct(NAMED)).isEqualTo(NAMED);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Label.distinct(List.of(new Label("0", "a"), new Label("0", "b"))))
			.withMessageContaining("'0' is given twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Label.distinct(List.of(new Label("0", "1"), Label.of("1"))))
			.withMessageContaining("shown as '1'");
	}

	@Test
	void mergingTakesTheDisplayNameEitherSideGives() {
		List<Label> plain = Label.of(List.of("0", "1"));
		List<Label> half = List.of(new Label("0", "negative"), Label.of("1"));
		assertThat(Label.merge(plain, NAMED)).isEqualTo(NAMED);
		assertThat(Label.merge(NAMED, half)).isEqualTo(NAMED);
		assertThat(Label.merge(plain, half)).isEqualTo(half);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Label.merge(NAMED, List.of(new Label("0", "bad"), Label.of("1"))))
			.withMessage("label '0' is shown as 'negative' and as 'bad'");
		assertThatIllegalArgumentException().isThrownBy(() -> Label.merge(NAMED, Label.of(List.of("1", "0"))))
			.withMessageContaining("differ");
	}

}
