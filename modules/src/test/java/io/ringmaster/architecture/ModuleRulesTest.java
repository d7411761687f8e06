package io.ringmaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ringmaster.module.api.Module;
import org.junit.jupiter.api.Test;

/**
 * Modules see the engine only through io.ringmaster.module.api, and their families never form a
 * cycle.
 */
class ModuleRulesTest {
    private static final JavaClasses MODULES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.ringmaster.builtin");

    @Test
    void modulesImportOnlyTheModuleApiOfTheEngine() {
        noClasses()
                .that()
                .resideInAPackage("io.ringmaster.builtin..")
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
                        "io.ringmaster.parse..",
                        "io.ringmaster.error..")
                .check(MODULES);
    }

    /**
     * One naming rule: the class behind a module is its name in CamelCase plus {@code Module}
     * (virt_domain: VirtDomainModule), and only module classes end so.
     */
    @Test
    void moduleClassesAndOnlyThemAreNamedStarModule() {
        classes()
                .that()
                .implement(Module.class)
                .and()
                .areNotInterfaces()
                .should()
                .haveSimpleNameEndingWith("Module")
                .check(MODULES);
        classes()
                .that()
                .haveSimpleNameEndingWith("Module")
                .should()
                .implement(Module.class)
                .check(MODULES);
    }

    @Test
    void moduleFamiliesAreFreeOfCycles() {
        slices().matching("io.ringmaster.builtin.(*)..").should().beFreeOfCycles().check(MODULES);
    }

    /**
     * Engine and modules together: no two top-level main classes share a simple name (no guessing
     * which one).
     */
    @Test
    void noTwoMainClassesShareASimpleName() {
        JavaClasses all =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.ringmaster");
        java.util.Map<String, java.util.List<String>> byName = new java.util.TreeMap<>();
        all.stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .forEach(
                        c ->
                                byName.computeIfAbsent(
                                                c.getSimpleName(), k -> new java.util.ArrayList<>())
                                        .add(c.getName()));
        byName.values().removeIf(names -> names.size() < 2);
        org.assertj.core.api.Assertions.assertThat(byName)
                .as("simple names used by more than one class")
                .isEmpty();
    }

    @Test
    void modulesNeverPrint() {
        noClasses()
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(MODULES);
    }
}
