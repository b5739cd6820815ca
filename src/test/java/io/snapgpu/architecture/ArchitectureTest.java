package io.snapgpu.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house, checked on the compiled classes: each layer uses only the layers below it, and the domain
 * packages form no cycle. A new import that runs back up (say, {@code instance} importing {@code race})
 * fails here, naming the class and the dependency.
 *
 * <p>The layers, bottom up: foundations (config, validation, embedded, db); security, cluster,
 * progress, shell; restic, storage; system; the market (offer and provider, which still know each
 * other: the provider SPI speaks in offers and the offer search fans out over providers); instance;
 * the user's way in (access), snapshot and race; restore and cost; restore drills and failover; the API adapters on top.
 */
class ArchitectureTest {
    private static final String ROOT = "io.snapgpu";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void layersOnlyPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("foundations").definedBy(pkg("config"), pkg("validation"), pkg("embedded"), pkg("db"))
                .layer("security").definedBy(pkg("security"))
                .layer("coordination").definedBy(pkg("cluster"), pkg("progress"))
                .layer("shell").definedBy(pkg("shell"))
                .layer("restic").definedBy(pkg("restic"))
                .layer("storage").definedBy(pkg("storage"))
                .layer("system").definedBy(pkg("system"))
                .layer("market").definedBy(pkg("offer"), pkg("provider"))
                .layer("instance").definedBy(pkg("instance"))
                .layer("access").definedBy(pkg("access"))
                .layer("snapshot").definedBy(pkg("snapshot"))
                .layer("race").definedBy(pkg("race"))
                .layer("restore").definedBy(pkg("restore"))
                .layer("cost").definedBy(pkg("cost"))
                .layer("drill").definedBy(pkg("drill"))
                .layer("failover").definedBy(pkg("failover"))
                .layer("api").definedBy(pkg("api"))
                .whereLayer("foundations").mayOnlyAccessLayers("foundations")
                .whereLayer("security").mayOnlyAccessLayers("foundations")
                .whereLayer("coordination").mayOnlyAccessLayers("foundations", "coordination")
                .whereLayer("shell").mayOnlyAccessLayers("foundations", "security")
                .whereLayer("restic").mayOnlyAccessLayers("foundations", "shell")
                .whereLayer("storage").mayOnlyAccessLayers("foundations", "security", "restic")
                .whereLayer("system").mayOnlyAccessLayers("foundations", "security", "shell", "restic", "storage")
                .whereLayer("market").mayOnlyAccessLayers("foundations", "market")
                .whereLayer("instance").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "market")
                .whereLayer("access").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "market",
                        "instance")
                .whereLayer("snapshot").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "market", "instance")
                .whereLayer("race").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "market", "instance", "snapshot")
                .whereLayer("restore").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "market", "instance", "snapshot", "race")
                .whereLayer("cost").mayOnlyAccessLayers("foundations", "security", "coordination", "restic", "storage",
                        "system", "market", "instance", "snapshot")
                .whereLayer("drill").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "snapshot", "cost")
                .whereLayer("failover").mayOnlyAccessLayers("foundations", "security", "coordination", "shell", "restic",
                        "storage", "system", "market", "instance", "snapshot", "race", "restore")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .check(classes);
    }

    @Test
    void domainPackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..")
                // the one known cycle, inside the market layer (see the class comment)
                .should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("offer <-> provider",
                        c -> c.getPackageName().startsWith(ROOT + ".offer") || c.getPackageName().startsWith(ROOT + ".provider")),
                        com.tngtech.archunit.base.DescribedPredicate.describe("offer or provider",
                                c -> c.getPackageName().startsWith(ROOT + ".offer")
                                        || c.getPackageName().startsWith(ROOT + ".provider")))
                .check(classes);
    }
}
