package dev.berth.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The directions of Berth's packages, checked on the compiled classes of every module (docs/architecture.md
 * draws them): model and protocol at the bottom; master and agent beside each other; the service SDK
 * reaching the master only through the framework API; the API, the typed client and the CLI on top, the web
 * dashboard above the API (it reads and acts through the API's resources only); the wiring of a running node
 * above everything. A new import against these directions, or a new cycle
 * between any two packages, fails the build.
 */
@AnalyzeClasses(packages = "dev.berth", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    /** The test helpers other modules share come as {@code -tests.jar}s: they are tests, not Berth. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String[] MODEL = {"dev.berth.reservations..", "dev.berth.volumes..", "dev.berth.core.json..",
        "dev.berth.core.artifact..", "dev.berth.core.spec..", "dev.berth.core.pkg..", "dev.berth.core.plan..",
        "dev.berth.core.protocol..", "dev.berth.core.access..", "dev.berth.core.tls.."};

    /** Every package is a slice of its own: no two packages, in any module, import each other in a ring. */
    @ArchTest
    static final ArchRule noCycleBetweenPackages = slices().matching("dev.berth.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Model").definedBy(MODEL)
            .layer("Transport").definedBy("dev.berth.core.http..")
            .layer("ZooKeeper").definedBy("dev.berth.core.zk..")
            .layer("Events").definedBy("dev.berth.core.events..")
            .layer("Registry").definedBy("dev.berth.core.state..")
            .layer("FrameworkApi").definedBy("dev.berth.core.framework..")
            .layer("Master").definedBy("dev.berth.core.master..")
            .layer("Agent").definedBy("dev.berth.core.agent..")
            .layer("HooksToolkit").definedBy("dev.berth.core.sdk.hooks..")
            .layer("Sdk").definedBy("dev.berth.core.sdk", "dev.berth.core.sdk.offer..", "dev.berth.core.sdk.state..")
            .layer("Packages").definedBy("dev.berth.kafka", "dev.berth.cassandra", "dev.berth.cassandra.backup..")
            .layer("Api").definedBy("dev.berth.core.api..")
            .layer("Client").definedBy("dev.berth.core.client..")
            .layer("Ui").definedBy("dev.berth.core.ui..")
            .layer("Cli").definedBy("dev.berth.core.cli..", "dev.berth.kafka.cli..", "dev.berth.cassandra.cli..")
            .layer("Runtime").definedBy("dev.berth.core.runtime..", "dev.berth.app..")
            .whereLayer("Runtime").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Runtime")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Ui", "Runtime")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Runtime")
            .whereLayer("Client").mayOnlyBeAccessedByLayers("Cli", "Runtime")
            .whereLayer("Packages").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Sdk").mayOnlyBeAccessedByLayers("Api", "Runtime")
            .whereLayer("HooksToolkit").mayOnlyBeAccessedByLayers("Sdk", "Packages", "Api", "Runtime")
            .whereLayer("Master").mayOnlyBeAccessedByLayers("Api", "Runtime")
            .whereLayer("Agent").mayOnlyBeAccessedByLayers("Runtime")
            .whereLayer("FrameworkApi").mayOnlyBeAccessedByLayers("Master", "Sdk", "Api", "Runtime")
            .whereLayer("Registry").mayOnlyBeAccessedByLayers("Master", "Runtime")
            .whereLayer("ZooKeeper").mayOnlyBeAccessedByLayers("Registry", "Sdk", "Runtime")
            .whereLayer("Events").mayOnlyBeAccessedByLayers("Master", "Sdk", "Api", "Ui", "Client", "Cli", "Runtime")
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Agent", "FrameworkApi", "Client", "Cli", "Runtime");

    /** An agent runs tasks; what a service spec, a package or a plan is stays with the framework. */
    @ArchTest
    static final ArchRule agentKnowsNoSpecs = noClasses().that().resideInAPackage("dev.berth.core.agent..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.core.spec..", "dev.berth.core.pkg..",
                    "dev.berth.core.plan..");

    /** Wire types carry values: no package logic, plan engine or artifact resolver behind them. */
    @ArchTest
    static final ArchRule protocolIsValues = noClasses().that().resideInAPackage("dev.berth.core.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.berth.core.pkg..", "dev.berth.core.plan..",
                    "dev.berth.core.artifact..");
}
