package dev.tango.train.fit;

import dev.tango.core.settings.InvalidSettingException;
import dev.tango.runtime.head.LexicalSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LexicalRowsTest {

	private static final long MIB = 1L << 20;

	@Test
	void aHeadMayTakeAQuarterOfTheHeap() {
		LexicalSpec spec = LexicalSpec.defaults().withBucketBits(24);
		// 2 labels x 2^24 buckets x 4 bytes: 128 MiB, a quarter of 512 MiB
		assertThat(LexicalRows.headBytes(spec, 2)).isEqualTo(128 * MIB);
		assertThatNoException().isThrownBy(() -> LexicalRows.requireHeadFits(spec, 2, 512 * MIB));
		assertThatThrownBy(() -> LexicalRows.requireHeadFits(spec, 77, 512 * MIB))
			.isInstanceOfSatisfying(InvalidSettingException.class, (ex) -> {
				assertThat(ex.setting()).isEqualTo("bucketBits");
				// 77 x 2^19 x 4 bytes = 154 MiB is over 128 MiB; 77 x 2^18 x 4 = 77 MiB
				// is not
				assertThat(ex.problem()).startsWith("must be at most 18 for 77 labels on this heap (a head of 77 "
						+ "labels x 2^24 buckets x 4 bytes takes 4,928 MiB, more than a quarter of this JVM's maximum "
						+ "heap, 128 MiB of 512 MiB")
					.endsWith(", was 24");
			});
	}

}
