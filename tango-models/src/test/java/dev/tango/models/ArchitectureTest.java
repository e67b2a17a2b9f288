package dev.tango.models;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * How the packages of the registry module may depend on each other: artifacts and change
 * notification stand alone, the registry knows neither loading nor the seeder, and the
 * persistence model stays inside the registry package.
 */
class ArchitectureTest {

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.tango.models");

	@Test
	void artifactsAndChangesStandAlone() {
		noClasses().that()
			.resideInAnyPackage("..models.artifact..", "..models.changes..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..models.registry..", "..models.loading..", "..models.seed..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..models.artifact..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..models.changes..")
			.check(CLASSES);
	}

	@Test
	void theRegistryDoesNotKnowTheSeeder() {
		noClasses().that()
			.resideInAPackage("..models.registry..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..models.seed..")
			.check(CLASSES);
	}

	@Test
	void loadingSitsBetweenTheRegistryAndTheSeeder() {
		noClasses().that()
			.resideInAPackage("..models.registry..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..models.loading..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..models.loading..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..models.seed..", "..models.changes..")
			.check(CLASSES);
	}

	@Test
	void entitiesAndRepositoriesAreNotPublic() {
		classes().that()
			.areAnnotatedWith(Entity.class)
			.or()
			.areAnnotatedWith(Embeddable.class)
			.or()
			.areAssignableTo(Repository.class)
			.should()
			.notBePublic()
			.andShould()
			.resideInAPackage("dev.tango.models.registry")
			.check(CLASSES);
	}

}
