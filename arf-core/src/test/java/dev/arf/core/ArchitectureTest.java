package dev.arf.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core knows nothing of adapters or frameworks; adapters depend on it, never the reverse. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arf.core");

    @Test
    void coreImportsNoFrameworkOrAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.arf.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "tools.jackson..",
                        "com.fasterxml..",
                        "java.sql..",
                        "javax.sql..",
                        "org.flywaydb..",
                        "org.h2..",
                        "org.postgresql..",
                        "com.zaxxer..",
                        "org.jdbi..",
                        "picocli..",
                        "io.javalin..",
                        "io.micrometer..",
                        "io.fabric8..",
                        "org.apache.kafka..",
                        "java.net.http..",
                        "org.slf4j..")
                .because("arf-core is the pure domain: I/O belongs in adapters behind ports")
                .check(CORE);
    }

    @Test
    void coreDependsOnNoOtherArfModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.arf.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.arf.store..",
                        "dev.arf.cli..",
                        "dev.arf.config..",
                        "dev.arf.testkit..",
                        "dev.arf.bench..",
                        "dev.arf.kubernetes..",
                        "dev.arf.process..")
                .check(CORE);
    }

    @Test
    void stagesDoNotReachBackIntoTheEngine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.arf.core.telemetry..",
                        "dev.arf.core.detect..",
                        "dev.arf.core.agents..",
                        "dev.arf.core.policy..",
                        "dev.arf.core.execute..",
                        "dev.arf.core.incident..",
                        "dev.arf.core.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.arf.core.engine..")
                .because("the engine composes the stages; a stage calling the engine would be a cycle")
                .check(CORE);
    }

    /**
     * No bypass, by construction: an actuator acts only on a permit, and only the governance gates mint
     * one (the constructor is package-private; this pins it to the two gates within the package).
     */
    @Test
    void onlyTheGovernanceGatesMintPermits() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.arf.core.governance.Guardian")
                .and()
                .doNotHaveFullyQualifiedName("dev.arf.core.governance.UngovernedGate")
                .and()
                .doNotHaveFullyQualifiedName("dev.arf.core.governance.Permit")
                .should()
                .callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.type(
                                        dev.arf.core.governance.Permit.class))))
                .because("a permit is the proof that an action passed the Guardian")
                .check(CORE);
    }
}
