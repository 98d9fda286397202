package thymos.tools.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import thymos.tools.BuiltinToolProvider;
import thymos.tools.architecture.fixture.ReadsClockAndKernel;

/**
 * The tools module's dependency rules (spec 00, I6): it implements the SPI of {@code thymos.api}
 * and knows no kernel or ledger class; it never reads time or entropy itself. Each rule is also
 * run against a fixture that breaks it.
 */
class ToolsArchitectureTest {

  // Import by code source: the main classes only, wherever the build put them.
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importLocations(Set.of(location(BuiltinToolProvider.class)));
  private static final JavaClasses FIXTURE = new ClassFileImporter()
      .importClasses(ReadsClockAndKernel.class);

  private static Location location(Class<?> c) {
    try {
      return Location.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ArchRule dependsOnlyOnApi(String pkg) {
    return noClasses().that().resideInAPackage(pkg)
        .should().dependOnClassesThat().resideOutsideOfPackages("thymos.tools..", "thymos.api..",
            "java..", "javax.net.ssl..") // TLS for http_fetch (T5)
        .as("thymos.tools depends only on thymos.api and the JDK");
  }

  // The worker's clock (T4.4) runs only in the worker process, never in the kernel's.
  static final String WORKER_CLOCK = "thymos.tools.exec.WorkerClock";

  static ArchRule readsNoTimeOrEntropy(String pkg) {
    return noClasses().that().resideInAPackage(pkg)
        .and().doNotHaveFullyQualifiedName(WORKER_CLOCK)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("now"))
            .and(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                JavaClass.Predicates.resideInAPackage("java.time..")))))
        .orShould().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.security.SecureRandom.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .as("tools read time and entropy only through the SPIs (I6)");
  }

  @Test
  void testsRunInsideTheToolsModule() {
    assertEquals("thymos.tools", ToolsArchitectureTest.class.getModule().getName());
    assertTrue(MAIN.contain(BuiltinToolProvider.class));
    assertTrue(MAIN.containPackage("thymos.tools.sandbox"));
    assertFalse(MAIN.contain(ToolsArchitectureTest.class));
  }

  @Test
  void toolsKnowOnlyTheApi() {
    dependsOnlyOnApi("thymos.tools..").check(MAIN);
    assertTrue(dependsOnlyOnApi("thymos.tools.architecture.fixture..").evaluate(FIXTURE)
        .hasViolation());
  }

  @Test
  void onlyTheWorkerReadsTheWorkerClock() {
    noClasses().that().resideInAPackage("thymos.tools..")
        .and().doNotHaveFullyQualifiedName("thymos.tools.exec.ChildRun")
        .and().doNotHaveFullyQualifiedName(WORKER_CLOCK)
        .should().dependOnClassesThat().haveFullyQualifiedName(WORKER_CLOCK)
        .as("only the worker's child runner reads the worker clock (T4.4)").check(MAIN);
    assertTrue(MAIN.contain(WORKER_CLOCK), "the exemption names a class that exists");
  }

  @Test
  void toolsReadNoClockOrEntropy() {
    readsNoTimeOrEntropy("thymos.tools..").check(MAIN);
    assertTrue(readsNoTimeOrEntropy("thymos.tools.architecture.fixture..").evaluate(FIXTURE)
        .hasViolation());
  }
}
