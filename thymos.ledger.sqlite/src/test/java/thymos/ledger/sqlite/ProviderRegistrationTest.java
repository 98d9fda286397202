package thymos.ledger.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    Module module = SqliteLedgerProvider.class.getModule();
    assertTrue(module.isNamed(), "tests must run on the module path");
    assertEquals("thymos.ledger.sqlite", module.getName());
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
    assertEquals(Set.of(SqliteLedgerProvider.class.getName()), declared);
    assertEquals(declared, listed);
  }

  @Test
  @DisplayName("L6: ServiceLoader finds the sqlite provider beside memory; it does no I/O")
  void serviceLoaderFindsTheSqliteProvider(@TempDir Path dir) {
    List<LedgerProvider> found = Ledgers.providers();
    assertEquals(Set.of(MemoryLedgerProvider.class, SqliteLedgerProvider.class),
        Set.copyOf(found.stream().map(Object::getClass).toList()));
    LedgerProvider p = Ledgers.select(LedgerConfig.of("sqlite:" + dir.resolve("x.db")), found);
    assertEquals("sqlite", p.name());
    assertEquals(LedgerProvider.SPEC_VERSION, p.specVersion());
    assertEquals(Set.of("sqlite"), p.schemes());
    assertFalse(Files.exists(dir.resolve("x.db")), "selection opens nothing");
  }
}
