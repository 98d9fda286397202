package thymos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.ledger.spi.memory.MemoryLedger;
import thymos.ledger.spi.memory.MemoryLedgerProvider;

/** Choosing a backend by URI (06 L6): selection fails closed and lists every provider. */
class LedgersTest {

  /** A test-only provider; {@code open} hands out a fixed backend or throws. */
  private record FakeProvider(String name, String specVersion, Set<String> schemes,
      RuntimeException failure) implements LedgerProvider {
    FakeProvider(String name, String... schemes) {
      this(name, SPEC_VERSION, Set.of(schemes), null);
    }

    @Override
    public LedgerBackend open(LedgerConfig config) {
      if (failure != null) {
        throw failure;
      }
      return new MemoryLedger();
    }
  }

  private static final LedgerProvider MEMORY = new MemoryLedgerProvider();
  private static final LedgerProvider SQLITE = new FakeProvider("sqlite", "sqlite");
  private static final LedgerProvider PG = new FakeProvider("pg", "postgresql", "jdbc:postgresql");

  @Test
  @DisplayName("L6: memory: opens a new, empty reference backend")
  void required_L6_memoryUriOpensTheReferenceBackend() {
    try (LedgerBackend a = Ledgers.open("memory:"); LedgerBackend b = Ledgers.open("memory:")) {
      assertInstanceOf(MemoryLedger.class, a);
      assertNotSame(a, b);
      a.append(Rows.chain(Rows.traj(1), 1).get(0));
      assertEquals(Optional.empty(), b.head(Rows.traj(1)));
    }
  }

  @Test
  @DisplayName("L6: each URI form selects the provider of its scheme")
  void required_L6_schemesSelectTheirProvider() {
    List<LedgerProvider> all = List.of(MEMORY, SQLITE, PG);
    assertSame(SQLITE, Ledgers.select(LedgerConfig.of("sqlite:/var/thymos/ledger.db"), all));
    assertSame(SQLITE, Ledgers.select(LedgerConfig.of("sqlite::memory:"), all));
    assertSame(PG, Ledgers.select(LedgerConfig.of("postgresql://db.local/thymos?ssl=true"), all));
    assertSame(PG, Ledgers.select(LedgerConfig.of("jdbc:postgresql://db.local/thymos"), all));
    assertSame(MEMORY, Ledgers.select(LedgerConfig.of("MEMORY:"), all));
  }

  @Test
  @DisplayName("L6: scheme and location of each URI form")
  void required_L6_uriSchemeAndLocation() {
    assertEquals("sqlite", LedgerConfig.of("sqlite::memory:").scheme());
    assertEquals(":memory:", LedgerConfig.of("sqlite::memory:").location());
    assertEquals("/tmp/l.db", LedgerConfig.of("sqlite:/tmp/l.db").location());
    assertEquals("jdbc:postgresql", LedgerConfig.of("jdbc:postgresql://h/db").scheme());
    assertEquals("//h/db", LedgerConfig.of("jdbc:postgresql://h/db").location());
    assertEquals("", LedgerConfig.of("memory:").location());
    for (String bad : List.of("", "memory", "/tmp/l.db", "1sqlite:x", "jdbc:", "jdbc::x", ":x")) {
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> LedgerConfig.of(bad), bad);
      assertEquals("THY-L600", e.code());
    }
  }

  @Test
  @DisplayName("L6: an unknown scheme is refused, listing every provider found")
  void required_L6_unknownSchemeListsTheProviders() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> Ledgers.open("mongodb://x/y"));
    assertEquals("THY-L600", e.code());
    assertTrue(e.getMessage().contains("\"mongodb\""), e.getMessage());
    assertEquals(1, e.candidates().size());
    assertTrue(e.candidates().getFirst().startsWith("memory (schemes [memory]"),
        e.candidates().toString());

    ConfigurationException two = assertThrows(ConfigurationException.class,
        () -> Ledgers.select(LedgerConfig.of("foo:"), List.of(MEMORY, PG)));
    assertEquals(2, two.candidates().size());
    assertTrue(two.candidates().get(1).contains("jdbc:postgresql"), two.candidates().toString());
  }

  @Test
  @DisplayName("L6: no provider at all is refused")
  void required_L6_noProvidersIsRefused() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Ledgers.select(LedgerConfig.of("memory:"), List.of()));
    assertTrue(e.getMessage().contains("no ledger provider is installed"), e.getMessage());
  }

  @Test
  @DisplayName("L6: two providers for one scheme fail closed unless the provider option picks one")
  void required_L6_twoProvidersForOneSchemeFailClosed() {
    LedgerProvider other = new FakeProvider("other-memory", "memory");
    List<LedgerProvider> both = List.of(MEMORY, other);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Ledgers.select(LedgerConfig.of("memory:"), both));
    assertTrue(e.getMessage().contains("2 ledger providers claim scheme \"memory\""),
        e.getMessage());
    assertEquals(2, e.candidates().size());
    assertSame(other, Ledgers.select(
        new LedgerConfig("memory:", Map.of(LedgerConfig.PROVIDER_OPTION, "other-memory")), both));
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> Ledgers.select(new LedgerConfig("memory:",
            Map.of(LedgerConfig.PROVIDER_OPTION, "nope")), both));
    assertTrue(unknown.getMessage().contains("\"nope\""), unknown.getMessage());
  }

  @Test
  @DisplayName("L6: a provider of another contract version is refused")
  void required_L6_otherSpecVersionIsRefused() {
    LedgerProvider v2 = new FakeProvider("future", "2", Set.of("sqlite"), null);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Ledgers.select(LedgerConfig.of("sqlite:x"), List.of(v2)));
    assertTrue(e.getMessage().contains("version 2, expected 1"), e.getMessage());
  }

  @Test
  @DisplayName("L5.6: an untyped exception from a provider's open is wrapped")
  void required_L5_6_providerFailuresAreWrapped() {
    IllegalStateException boom = new IllegalStateException("driver exploded");
    LedgerProvider bad =
        new FakeProvider("bad", LedgerProvider.SPEC_VERSION, Set.of("sqlite"), boom);
    LedgerUnavailable e = assertThrows(LedgerUnavailable.class,
        () -> Ledgers.open(LedgerConfig.of("sqlite:x"), List.of(bad)));
    assertSame(boom, e.getCause());
    LedgerProvider typed = new FakeProvider("typed", LedgerProvider.SPEC_VERSION, Set.of("sqlite"),
        new LedgerFormatMismatch(2, 1));
    assertThrows(LedgerFormatMismatch.class,
        () -> Ledgers.open(LedgerConfig.of("sqlite:x"), List.of(typed)));
  }

  @Test
  @DisplayName("L6: the memory provider refuses a location or an unknown option")
  void required_L6_memoryProviderFailsClosed() {
    assertThrows(ConfigurationException.class, () -> Ledgers.open("memory:shared"));
    assertThrows(ConfigurationException.class,
        () -> Ledgers.open(new LedgerConfig("memory:", Map.of("pool", "4"))));
    Ledgers.open(new LedgerConfig("memory:", Map.of(LedgerConfig.PROVIDER_OPTION, "memory")))
        .close();
  }

  @Test
  @DisplayName("L6: a config's text shows neither the location nor option values")
  void configTextHidesSecrets() {
    String text = new LedgerConfig("postgresql://ann:hunter2@db/x",
        Map.of("password", "s3cret")).toString();
    assertFalse(text.contains("hunter2") || text.contains("s3cret"), text);
    assertTrue(text.contains("postgresql") && text.contains("password"), text);
  }
}
