package thymos.kernel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import thymos.api.ThymosException;
import thymos.kernel.KernelVersion;
import thymos.ledger.spi.AppendConflict;

/**
 * The dependency rules of the architecture (overview "Planes and modules", I6), checked on the
 * compiled main classes of every module this test can see. Each rule is also run against a
 * fixture that breaks it, so a rule that could never fail is caught.
 */
class ArchitectureTest {

  /** Roots of the Thymos modules; each module's internals belong to it alone. */
  static final List<String> MODULE_ROOTS = List.of("thymos.api", "thymos.ledger.spi",
      "thymos.kernel", "thymos.ledger.sqlite", "thymos.ledger.postgres", "thymos.tools",
      "thymos.federation", "thymos.tck", "thymos.cli");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // Import by code source: works on the module path and from any build output folder.
    Set<Location> locations = Set.of(location(ThymosException.class),
        location(AppendConflict.class), location(KernelVersion.class));
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(locations);
    assertTrue(main.containPackage("thymos.api.json"), "api classes imported");
    assertTrue(main.containPackage("thymos.kernel"), "kernel classes imported");
  }

  private static Location location(Class<?> c) {
    try {
      return Location.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ArchRule apiDependsOnNoOtherThymosModule() {
    return noClasses().that().resideInAPackage("thymos.api..")
        .should().dependOnClassesThat().resideOutsideOfPackages("thymos.api..", "java..",
            "org.bouncycastle..", "tools.jackson..")
        .as("thymos.api depends on no other Thymos module (only the JDK, Bouncy Castle, Jackson)");
  }

  static ArchRule kernelDependsOnlyOnApiAndLedgerSpi() {
    return noClasses().that().resideInAPackage("thymos.kernel..")
        .should().dependOnClassesThat().resideOutsideOfPackages("thymos.kernel..", "thymos.api..",
            "thymos.ledger.spi..", "java..", "javax.crypto..", "org.bouncycastle..",
            "tools.jackson..",
            // T1.1 asks for "a well-kept validator library" for tool input schemas (2020-12).
            "com.networknt.schema..")
        .as("the kernel knows no backend, tool or clock class: only thymos.api and "
            + "thymos.ledger.spi (plus the JDK, Bouncy Castle, Jackson and the networknt JSON "
            + "Schema validator)");
  }

  static ArchRule kernelKnowsNoConcreteBackend() {
    return noClasses().that().resideInAPackage("thymos.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage("thymos.ledger.spi.memory..",
            "thymos.ledger.sqlite..", "thymos.ledger.postgres..", "thymos.tools..")
        .as("the kernel reaches ledgers and tools only through their SPIs, never a concrete "
            + "backend (the in-memory reference included) or tool");
  }

  static ArchRule ledgerSpiHoldsNoCryptography() {
    return noClasses().that().resideInAPackage("thymos.ledger.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..", "thymos.kernel..")
        .as("the ledger SPI contains no crypto or protocol logic");
  }

  static ArchRule kernelReadsTimeAndEntropyOnlyThroughSpis() {
    return readsNoTimeOrEntropy("thymos.kernel..")
        .as("kernel code reads time and entropy only through the Clock and Entropy SPIs (I6)");
  }

  /** The validator runs inside compilation (C2 stage 12), so it is held to the kernel's rule. */
  static ArchRule schemaValidatorReadsNoTimeOrEntropy() {
    return readsNoTimeOrEntropy("com.networknt..")
        .as("the JSON Schema validator the kernel runs reads no clock and no entropy (I6)");
  }

  private static ArchRule readsNoTimeOrEntropy(String packages) {
    return noClasses().that().resideInAPackage(packages)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now"))
            .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                        "java.time..")))))
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.util.Random.class, long.class)
        .orShould().callConstructor(java.security.SecureRandom.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
        .orShould().callMethod(java.util.UUID.class, "randomUUID");
  }

  static ArchRule noModuleReadsAnotherModulesInternals() {
    ArchRule rule = null;
    for (String root : MODULE_ROOTS) {
      ArchRule one = noClasses().that().resideOutsideOfPackage(root + "..")
          .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
          .allowEmptyShould(true);
      rule = rule == null ? one : com.tngtech.archunit.lang.CompositeArchRule.of(rule).and(one);
    }
    return rule.as("no module reads another module's internal packages");
  }

  @Test
  void testsRunOnTheModulePathInsideTheKernelModule() {
    // A missing exports/opens/uses/provides only fails the build when tests run as a module.
    Module module = ArchitectureTest.class.getModule();
    assertTrue(module.isNamed(), "tests must run on the module path");
    org.junit.jupiter.api.Assertions.assertEquals("thymos.kernel", module.getName());
    assertTrue(KernelVersion.class.getModule().getDescriptor().exports().stream()
        .anyMatch(e -> e.source().equals("thymos.kernel.authority")));
  }

  @Test
  void apiDependsOnNoOtherModule() {
    apiDependsOnNoOtherThymosModule().check(main);
  }

  @Test
  void kernelKnowsNoBackendToolOrClockClass() {
    kernelDependsOnlyOnApiAndLedgerSpi().check(main);
  }

  @Test
  void kernelUsesNoConcreteBackendOrTool() {
    kernelKnowsNoConcreteBackend().check(main);
  }

  @Test
  void ledgerSpiHoldsNoCrypto() {
    ledgerSpiHoldsNoCryptography().check(main);
  }

  @Test
  void required_I6_kernelNeverReadsTheSystemClockOrUnseededRandomness() {
    kernelReadsTimeAndEntropyOnlyThroughSpis().check(main);
  }

  @Test
  void required_I6_theSchemaValidatorNeverReadsTheClockOrRandomness() {
    JavaClasses library = new ClassFileImporter().importLocations(
        Set.of(location(com.networknt.schema.Schema.class)));
    assertTrue(library.containPackage("com.networknt.schema.keyword"), "validator imported");
    schemaValidatorReadsNoTimeOrEntropy().check(library);
  }

  @Test
  void noModuleReadsAnotherModulesInternalPackages() {
    noModuleReadsAnotherModulesInternals().check(main);
  }

  @Test
  void everyRuleDetectsAViolatingFixture() {
    JavaClasses fixtures = new ClassFileImporter().importClasses(
        thymos.kernel.architecture.fixture.ClockReader.class,
        thymos.kernel.architecture.fixture.RandomMaker.class,
        thymos.kernel.architecture.fixture.internal.Hidden.class,
        thymos.api.architecture.fixture.ReachesKernel.class,
        thymos.ledger.spi.architecture.fixture.Hashes.class,
        thymos.kernel.architecture.fixture.ReachesTool.class,
        thymos.kernel.architecture.fixture.ReachesBackend.class,
        thymos.ledger.spi.memory.architecture.fixture.Backend.class);
    assertViolation(kernelReadsTimeAndEntropyOnlyThroughSpis(), fixtures, "ClockReader");
    assertViolation(kernelReadsTimeAndEntropyOnlyThroughSpis(), fixtures, "RandomMaker");
    assertViolation(schemaValidatorReadsNoTimeOrEntropy(), new ClassFileImporter().importClasses(
        com.networknt.schema.architecture.fixture.ClockReader.class), "ClockReader");
    assertViolation(apiDependsOnNoOtherThymosModule(), fixtures, "ReachesKernel");
    assertViolation(ledgerSpiHoldsNoCryptography(), fixtures, "Hashes");
    assertViolation(kernelDependsOnlyOnApiAndLedgerSpi(), fixtures, "ReachesTool");
    assertViolation(noModuleReadsAnotherModulesInternals(), fixtures, "ReachesKernel");
    assertViolation(kernelKnowsNoConcreteBackend(), fixtures, "ReachesBackend");
  }

  private static void assertViolation(ArchRule rule, JavaClasses classes, String offender) {
    EvaluationResult result = rule.evaluate(classes);
    assertTrue(result.hasViolation(), rule.getDescription() + " found no violation");
    String report = result.getFailureReport().getDetails().stream()
        .collect(Collectors.joining("\n"));
    assertTrue(report.contains(offender), "expected " + offender + " in:\n" + report);
    assertFalse(report.isEmpty());
  }
}
