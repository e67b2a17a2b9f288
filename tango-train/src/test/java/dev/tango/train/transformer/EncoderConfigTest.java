package dev.tango.train.transformer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EncoderConfigTest {

	private static final EncoderConfig MINILM = new EncoderConfig(384, 12, 6, 1536, 30522, 512, 2, 1e-12f);

	@Test
	void headsSplitTheHiddenSize() {
		assertThat(MINILM.headSize()).isEqualTo(32);
		assertThatIllegalArgumentException().isThrownBy(() -> new EncoderConfig(384, 7, 6, 1536, 30522, 512, 2, 1e-12f))
			.withMessageContaining("does not split into 7 heads");
	}

	@Test
	void aStudentKeepsBetweenOneAndAllLayersAndEverythingElse() {
		assertThat(MINILM.withLayers(3)).isEqualTo(new EncoderConfig(384, 12, 3, 1536, 30522, 512, 2, 1e-12f));
		assertThat(MINILM.withLayers(6)).isEqualTo(MINILM);
		assertThatIllegalArgumentException().isThrownBy(() -> MINILM.withLayers(0));
		assertThatIllegalArgumentException().isThrownBy(() -> MINILM.withLayers(7));
	}

	@Test
	void dimensionsAndEpsilonMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EncoderConfig(384, 12, 0, 1536, 30522, 512, 2, 1e-12f));
		assertThatIllegalArgumentException().isThrownBy(() -> new EncoderConfig(384, 12, 6, 1536, 30522, 512, 2, 0f));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EncoderConfig(384, 12, 6, 1536, 30522, 512, 2, Float.NaN));
	}

}
