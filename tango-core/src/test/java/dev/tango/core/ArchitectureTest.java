package dev.tango.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tango.core");

	@Test
	void coreDependsOnTheJdkAndJSpecifyOnly() {
		noClasses().should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("java..", "org.jspecify..", "dev.tango.core..")
			.check(CORE);
	}

}
