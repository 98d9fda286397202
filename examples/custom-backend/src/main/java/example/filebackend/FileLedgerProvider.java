package example.filebackend;

import java.nio.file.Path;
import java.util.Set;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.LedgerProvider;

/** Opens {@code file-ledger:<folder>} stores (L6): tiny and side-effect free until {@link #open}. */
public final class FileLedgerProvider implements LedgerProvider {

  @Override
  public String name() {
    return "file-ledger";
  }

  @Override
  public String specVersion() {
    return SPEC_VERSION;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("file-ledger");
  }

  @Override
  public LedgerBackend open(LedgerConfig config) {
    return FileLedger.open(Path.of(config.location()));
  }
}
