package example.filebackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import thymos.ledger.spi.LedgerBackend;
import thymos.tck.LedgerBackendVerification;
import thymos.tck.TckEnvironment;

/**
 * The whole TCK against the file ledger (spec 10 K1): extend one class, override one factory.
 * Tests needing a capability the file ledger does not declare (several processes, the corruption
 * hook) are skipped with a message naming it (K2.6).
 */
class FileLedgerTckTest extends LedgerBackendVerification {

  @Override
  protected LedgerBackend create(TckEnvironment env) {
    return FileLedger.open(env.directory().resolve("ledger"));
  }

  // Optional: lets the TCK check that another format version is refused (L5.7).
  @Override
  protected Optional<Runnable> restampFormat(TckEnvironment env, int version) {
    return Optional.of(() -> {
      try {
        FileLedger.stampFormat(env.directory().resolve("ledger"), version);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
