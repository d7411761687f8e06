package io.ringmaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, enforced: its packages never form a cycle, the module API depends on no
 * other engine package, only cli and report print, and executor and report do not know each other.
 */
class PackageRulesTest {
    private static final JavaClasses ENGINE =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.ringmaster");

    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().matching("io.ringmaster.(**)").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void moduleApiDependsOnNoOtherEnginePackage() {
        noClasses()
                .that()
                .resideInAPackage("io.ringmaster.module.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.ringmaster.cli..",
                        "io.ringmaster.executor..",
                        "io.ringmaster.connection..",
                        "io.ringmaster.playbook..",
                        "io.ringmaster.inventory..",
                        "io.ringmaster.expr..",
                        "io.ringmaster.vars..",
                        "io.ringmaster.report..",
                        "io.ringmaster.event..",
                        "io.ringmaster.parse..")
                .check(ENGINE);
    }

    @Test
    void onlyCliAndReportsPrint() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.ringmaster.cli..", "io.ringmaster.report..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(ENGINE);
    }

    @Test
    void executorAndReportsDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.ringmaster.executor..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ringmaster.report..")
                .check(ENGINE);
        noClasses()
                .that()
                .resideInAPackage("io.ringmaster.report..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.ringmaster.executor..")
                .check(ENGINE);
    }
}
