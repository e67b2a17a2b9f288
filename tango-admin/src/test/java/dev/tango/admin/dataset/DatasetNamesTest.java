package dev.tango.admin.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The names of the data sets that jobs store, and the job each names. */
class DatasetNamesTest {

	@Test
	void aJobsDataSetNamesTheJob() {
		String name = DatasetNames.storedByJob("sst2", 42);

		assertThat(name).isEqualTo("feedback:sst2:job-42");
		assertThat(DatasetNames.storingJob(name)).hasValue(42);
		assertThat(DatasetNames.checkJob(name)).isEqualTo(name);
	}

	@Test
	void theJobIsTheLastPartWhateverTheCascadeIsCalled() {
		assertThat(DatasetNames.storingJob(DatasetNames.storedByJob("a:job-7", 9))).hasValue(9);
	}

	@Test
	void anUploadNamesNoJob() {
		assertThat(DatasetNames.storingJob("sst2:job-42")).isEmpty();
		assertThat(DatasetNames.storingJob("feedback:sst2:job-42 copy")).isEmpty();
		assertThat(DatasetNames.storingJob("feedback:sst2:job-")).isEmpty();
		assertThat(DatasetNames.storingJob("feedback:sst2:job-99999999999999999999")).isEmpty();
		assertThatExceptionOfType(DatasetRejectedException.class)
			.isThrownBy(() -> DatasetNames.checkUpload("Feedback:sst2:job-42"));
	}

}
