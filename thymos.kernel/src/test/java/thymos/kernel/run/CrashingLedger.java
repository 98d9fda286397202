package thymos.kernel.run;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.api.model.EntryKind;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * A ledger that "dies" at the first append of an entry of {@link #dieAt} kind: that append and
 * every later call fail with {@link LedgerUnavailable}, as if the process had crashed there.
 * Entries appended before stay in the delegate, which a restarted runtime opens.
 */
final class CrashingLedger implements LedgerBackend {

  private final LedgerBackend delegate;
  volatile EntryKind dieAt;
  private volatile boolean dead;

  CrashingLedger(LedgerBackend delegate) {
    this.delegate = delegate;
  }

  private void alive() {
    if (dead) {
      throw new LedgerUnavailable("simulated crash", null);
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public int storageFormatVersion() {
    return delegate.storageFormatVersion();
  }

  @Override
  public void append(StoredEntry entry) {
    alive();
    if (entry.kind() == dieAt) {
      dead = true;
      alive();
    }
    delegate.append(entry);
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    entries.forEach(this::append);
  }

  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    alive();
    return delegate.head(trajectoryId);
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    alive();
    return delegate.read(trajectoryId, fromSeq, toSeqExclusive);
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    alive();
    return delegate.locate(entryId);
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    alive();
    return delegate.trajectories(page);
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    alive();
    return delegate.query(query, page);
  }

  @Override
  public void close() {
    dead = true;
  }
}
