package thymos.ledger.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerProvider;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.memory.MemoryLedgerProvider;

/** The module descriptor and META-INF/services register the provider; selection finds it (L6). */
class ProviderRegistrationTest {

  private static final String SERVICE = LedgerProvider.class.getName();

  @Test
  @DisplayName("L6: provides in module-info and META-INF/services name the same provider")
  void moduleDescriptorAndServicesFileAgree() throws IOException {
    Module module = PostgresLedgerProvider.class.getModule();
    assertTrue(module.isNamed(), "tests must run on the module path");
    assertEquals("thymos.ledger.postgres", module.getName());
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> declared = new TreeSet<>();
    descriptor.provides().stream().filter(p -> p.service().equals(SERVICE))
        .forEach(p -> declared.addAll(p.providers()));
    Set<String> listed = new TreeSet<>();
    try (InputStream in = module.getResourceAsStream("META-INF/services/" + SERVICE)) {
      assertNotNull(in, "META-INF/services file is packaged");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String name = line.replaceAll("#.*", "").strip();
        if (!name.isEmpty()) {
          listed.add(name);
        }
      }
    }
    assertEquals(Set.of(PostgresLedgerProvider.class.getName()), declared);
    assertEquals(declared, listed);
  }

  @Test
  @DisplayName("L6: ServiceLoader finds the postgresql provider beside memory for both schemes")
  void serviceLoaderFindsThePostgresProvider() {
    List<LedgerProvider> found = Ledgers.providers();
    assertEquals(Set.of(MemoryLedgerProvider.class, PostgresLedgerProvider.class),
        Set.copyOf(found.stream().map(Object::getClass).toList()));
    // Port 1 refuses connections: selection must not try to connect.
    for (String uri : List.of("postgresql://127.0.0.1:1/x", "jdbc:postgresql://127.0.0.1:1/x",
        "POSTGRESQL://127.0.0.1:1/x")) {
      LedgerProvider p = Ledgers.select(LedgerConfig.of(uri), found);
      assertEquals("postgresql", p.name(), uri);
      assertEquals(LedgerProvider.SPEC_VERSION, p.specVersion());
      assertEquals(Set.of("postgresql", "jdbc:postgresql"), p.schemes());
    }
    assertFalse(found.stream().anyMatch(p -> p.schemes().contains("postgres")),
        "postgres: (without -ql) is not claimed");
  }
}
