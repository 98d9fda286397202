package thymos.ledger.spi.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import thymos.ledger.spi.LedgerProvider;
import thymos.ledger.spi.Ledgers;

/** The module descriptor and META-INF/services register the same providers (STYLE, L6). */
class ProviderRegistrationTest {

  private static final String SERVICE = LedgerProvider.class.getName();

  @Test
  @DisplayName("L6: provides in module-info and META-INF/services name the same providers")
  void moduleDescriptorAndServicesFileAgree() throws IOException {
    Module module = LedgerProvider.class.getModule();
    assertTrue(module.isNamed(), "tests must run on the module path");
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> declared = new TreeSet<>();
    descriptor.provides().stream().filter(p -> p.service().equals(SERVICE))
        .forEach(p -> declared.addAll(p.providers()));
    assertTrue(descriptor.uses().contains(SERVICE), "the module that loads declares uses");

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
    assertEquals(Set.of(MemoryLedgerProvider.class.getName()), declared);
    assertEquals(declared, listed);
  }

  @Test
  @DisplayName("L6: ServiceLoader finds the memory provider, which is side-effect free")
  void serviceLoaderFindsTheMemoryProvider() {
    List<LedgerProvider> found = Ledgers.providers();
    assertEquals(List.of(MemoryLedgerProvider.class), found.stream()
        .map(Object::getClass).toList());
    LedgerProvider p = found.getFirst();
    assertEquals("memory", p.name());
    assertEquals(LedgerProvider.SPEC_VERSION, p.specVersion());
    assertEquals(Set.of("memory"), p.schemes());
  }
}
