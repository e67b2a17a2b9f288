package dev.tango.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The admin service's structure: features in packages of their own without cycles, web
 * adapters in {@code web} sub-packages, one controller advice.
 */
class ArchitectureTest {

	private static final JavaClasses ADMIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tango.admin");

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("dev.tango.admin.(*)..").should().beFreeOfCycles().check(ADMIN);
	}

	@Test
	void controllersLiveInWebPackages() {
		classes().that()
			.areMetaAnnotatedWith(RestController.class)
			.and()
			.areNotAnnotations()
			.should()
			.resideInAPackage("..web..")
			.check(ADMIN);
	}

	@Test
	void featuresAreFreeOfTheWebLayer() {
		noClasses().that()
			.resideInAnyPackage("dev.tango.admin.dataset", "dev.tango.admin.job", "dev.tango.admin.calibration",
					"dev.tango.admin.evaluation", "dev.tango.admin.fitting", "dev.tango.admin.registry",
					"dev.tango.admin.training", "dev.tango.admin.bulk")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
					"..admin..web..")
			.check(ADMIN);
	}

	@Test
	void oneControllerAdviceHandlesExceptions() {
		classes().that()
			.areAnnotatedWith(RestControllerAdvice.class)
			.and()
			.areNotAssignableTo(ResponseBodyAdvice.class)
			.should()
			.haveSimpleName("AdminExceptionHandler")
			.check(ADMIN);
	}

}
