package thymos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import thymos.ledger.sqlite.SqliteLedgerProvider;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * A SQLite ledger in a fresh temporary folder (on the default temp file system, so fsync reaches
 * the disk), opened through {@link Ledgers} as a user would; {@link #close()} closes the backend
 * and deletes the folder with the database, its WAL and shared-memory files.
 */
final class TempSqlite implements AutoCloseable {

  final LedgerBackend ledger;
  private final Path folder;

  /** Opens a new, empty store with {@code synchronous} = {@code NORMAL} or {@code FULL}. */
  TempSqlite(String synchronous) {
    try {
      folder = Files.createTempDirectory("thymos-bench-sqlite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ledger = Ledgers.open(new LedgerConfig("sqlite:" + folder.resolve("ledger.db"),
        Map.of(SqliteLedgerProvider.SYNCHRONOUS_OPTION, synchronous)));
  }

  @Override
  public void close() {
    ledger.close();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
