package io.skyport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaMethod;

import jakarta.persistence.Entity;

/**
 * Rules Spring Modulith does not check. Each names the mistake it prevents.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.skyport");

	private static final JavaClasses TESTS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
		.importPackages("io.skyport");

	private static final DescribedPredicate<JavaClass> CONTROLLERS = DescribedPredicate.describe("controllers",
			javaClass -> javaClass.isMetaAnnotatedWith(Controller.class));

	@Test
	void controllers_go_through_services_never_repositories() {
		noClasses().that(CONTROLLERS)
			.should().dependOnClassesThat().areAssignableTo(Repository.class)
			.because("a controller that touches a repository skips the service's authorization and invariants")
			.check(MAIN);
	}

	@Test
	void controllers_never_bind_or_return_entities() {
		methods().that().areDeclaredInClassesThat(CONTROLLERS)
			.should(new ArchCondition<JavaMethod>("not take or return JPA entities") {
				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					boolean usesEntity = method.getRawReturnType().isAnnotatedWith(Entity.class)
							|| method.getRawParameterTypes().stream().anyMatch(type -> type.isAnnotatedWith(Entity.class));
					if (usesEntity) {
						events.add(SimpleConditionEvent.violated(method, method.getFullName() + " binds or returns an entity"));
					}
				}
			})
			.because("entities as form objects let a request set fields it must not (mass assignment)")
			.check(MAIN);
	}

	@Test
	void libvirt_types_stay_in_the_libvirt_adapter() {
		noClasses().that().resideOutsideOfPackage("io.skyport.compute.libvirt..")
			.should().dependOnClassesThat().resideInAPackage("org.libvirt..")
			.because("the compute provider port must not leak libvirt types")
			.check(MAIN);
	}

	@Test
	void jclouds_types_stay_in_the_cloud_adapter() {
		noClasses().that().resideOutsideOfPackage("io.skyport.compute.clouds..")
			.should().dependOnClassesThat().resideInAPackage("org.jclouds..")
			.because("jclouds is retired to the Apache Attic and must stay swappable behind our port")
			.check(MAIN);
	}

	@Test
	void aws_sdk_types_stay_in_the_s3_adapter() {
		noClasses().that().haveNameNotMatching("io\\.skyport\\.storage\\.S3ObjectStorage(\\$.*)?")
			.should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
			.because("modules store objects through the ObjectStorage port, whichever store is configured")
			.check(MAIN);
	}

	@Test
	void no_field_injection() {
		noFields().should().beAnnotatedWith(Autowired.class)
			.because("constructor injection keeps dependencies explicit and fields final")
			.check(MAIN);
	}

	@Test
	void only_the_platform_reads_the_system_clock() {
		noClasses().that().resideOutsideOfPackage("io.skyport.platform..")
			.should().callMethod(java.time.Instant.class, "now")
			.orShould().callMethod(java.time.LocalDate.class, "now")
			.orShould().callMethod(java.time.LocalDateTime.class, "now")
			.orShould().callMethod(java.time.OffsetDateTime.class, "now")
			.because("time comes from the injected Clock, so tests can control it")
			.check(MAIN);
	}

	@Test
	void tests_do_not_sleep() {
		noClasses().that().resideOutsideOfPackage("..jmh_generated..")
			.should().callMethod(Thread.class, "sleep", long.class)
			.orShould().callMethod(Thread.class, "sleep", long.class, int.class)
			.orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
			.orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
			.because("tests wait for a condition (Awaitility, the Modulith Scenario API), not for time (JMH's generated "
					+ "benchmark harness is not a test)")
			.check(TESTS);
	}
}
