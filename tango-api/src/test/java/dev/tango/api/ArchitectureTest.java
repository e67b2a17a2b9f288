package dev.tango.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the packages of the service may depend on each other: serving knows nothing of
 * requests or HTTP, classification nothing of HTTP, and only the web adapters
 * ({@code ..web}, {@code oip}) handle HTTP.
 */
class ArchitectureTest {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tango.api");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.tango.api.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void servingKnowsNeitherRequestsNorHttp() {
		noClasses().that()
			.resideInAPackage("dev.tango.api.serving..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tango.api.classify..", "dev.tango.api.oip..", "dev.tango.api.web..",
					"org.springframework.web..", "jakarta.servlet..")
			.check(CLASSES);
	}

	@Test
	void classificationKnowsNoHttp() {
		noClasses().that()
			.resideInAPackage("dev.tango.api.classify")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tango.api.classify.web..", "dev.tango.api.oip..", "dev.tango.api.web..",
					"org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
			.check(CLASSES);
	}

	@Test
	void releaseRoutingReadsTheRegistryOnlyThroughTheFollower() {
		noClasses().that()
			.resideInAPackage("dev.tango.api.release")
			.and()
			.doNotHaveSimpleName("ReleaseFollower")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameStartingWith("ReleasePlans")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tango.models.registry..", "org.springframework.jdbc..")
			.check(CLASSES);
	}

	@Test
	void nothingReachesIntoTheRegistryOnTheRequestPath() {
		noClasses().that()
			.resideInAnyPackage("dev.tango.api.classify..", "dev.tango.api.oip..", "dev.tango.api.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.tango.models.registry..", "dev.tango.models.changes..",
					"org.springframework.jdbc..", "jakarta.persistence..")
			.check(CLASSES);
	}

}
