package thymos.kernel.authority;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * A backend that runs {@link #beforeAppend} just before each append reaches the shared backend,
 * so a test can let another runtime win the race deterministically (L5.2).
 */
final class InterleavingLedger implements LedgerBackend {

  private final LedgerBackend shared;
  /** Runs before each append; replaced by tests. */
  Runnable beforeAppend = () -> { };
  int appends;

  InterleavingLedger(LedgerBackend shared) {
    this.shared = shared;
  }

  @Override
  public void append(StoredEntry entry) {
    appends++;
    beforeAppend.run();
    shared.append(entry);
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    beforeAppend.run();
    shared.appendBatch(entries);
  }

  @Override
  public Set<Capability> capabilities() {
    return shared.capabilities();
  }

  @Override
  public int storageFormatVersion() {
    return shared.storageFormatVersion();
  }

  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    return shared.head(trajectoryId);
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    return shared.read(trajectoryId, fromSeq, toSeqExclusive);
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    return shared.locate(entryId);
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    return shared.trajectories(page);
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    return shared.query(query, page);
  }

  @Override
  public Optional<CorruptionHook> corruptionHook() {
    return shared.corruptionHook();
  }

  @Override
  public void close() {
    shared.close();
  }
}
