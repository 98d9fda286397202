package thymos.ledger.spi.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.CorruptionHook;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.KeysetStream;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * The in-memory reference backend (L7.3): the plainest correct implementation of the contract,
 * which the TCK uses as its oracle. One read-write lock guards all state, so every append — single
 * or batch — is checked and applied atomically (L5.1–L5.3) and no reader sees a partial one;
 * contention does not matter for a reference. Not durable across reopen: each instance starts
 * empty and {@link #close()} drops the data. Offers the {@link CorruptionHook} (K2.4).
 */
public final class MemoryLedger implements LedgerBackend, CorruptionHook {

  /** The storage format version (L5.7); trivial here, since nothing outlives the instance. */
  public static final int FORMAT_VERSION = 1;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  // Rows by trajectory hex (sorted for paging), index = seq; null marks a row the hook removed.
  // Trailing nulls are trimmed, so the last element is the head.
  private final TreeMap<String, ArrayList<StoredEntry>> trajectories = new TreeMap<>();
  private final Map<Hash32, Position> byId = new HashMap<>();
  private final TreeMap<EntryQuery.Key, StoredEntry> timeline = new TreeMap<>();
  private boolean closed;

  /** An empty store. */
  public MemoryLedger() {}

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.CORRUPTION_HOOK);
  }

  @Override
  public int storageFormatVersion() {
    return FORMAT_VERSION;
  }

  @Override
  public void append(StoredEntry entry) {
    appendBatch(List.of(entry));
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    List<StoredEntry> batch = List.copyOf(entries);
    StoredEntry.checkBatch(batch);
    write(() -> {
      List<StoredEntry> fresh = new ArrayList<>();
      for (StoredEntry e : batch) {
        // Once one entry is new, the rest follow it by construction (StoredEntry.checkBatch).
        if (!fresh.isEmpty() || !isStoredIdentically(e)) {
          fresh.add(e);
        }
      }
      if (fresh.isEmpty()) {
        return null;
      }
      StoredEntry first = fresh.getFirst();
      Optional<Head> head = headOf(trajectories.get(first.trajectoryId().hex()));
      boolean follows = head.map(h -> first.seq() == h.seq() + 1
          && first.parent().equals(Optional.of(h.id()))).orElse(first.seq() == 0);
      if (!follows) {
        throw new AppendConflict(first.trajectoryId(), first.seq(), head);
      }
      Map<Hash32, Position> ids = new HashMap<>();
      for (StoredEntry e : fresh) {
        Position there = byId.getOrDefault(e.id(), ids.get(e.id()));
        if (there != null) {
          throw new DuplicateEntryId(e.id(), there, e.position());
        }
        ids.put(e.id(), e.position());
      }
      ArrayList<StoredEntry> rows =
          trajectories.computeIfAbsent(first.trajectoryId().hex(), k -> new ArrayList<>());
      for (StoredEntry e : fresh) {
        rows.add(e);
        byId.put(e.id(), e.position());
        timeline.put(EntryQuery.Key.of(e), e);
      }
      return null;
    });
  }

  // Whether e's position already holds e itself (a safe retry); any other occupant conflicts.
  private boolean isStoredIdentically(StoredEntry e) {
    ArrayList<StoredEntry> rows = trajectories.get(e.trajectoryId().hex());
    if (rows == null || e.seq() >= rows.size()) {
      return false;
    }
    if (e.equals(rows.get((int) e.seq()))) {
      return true;
    }
    throw new AppendConflict(e.trajectoryId(), e.seq(), headOf(rows));
  }


  private static Optional<Head> headOf(List<StoredEntry> rows) {
    return rows == null || rows.isEmpty() ? Optional.empty() : Optional.of(Head.of(rows.getLast()));
  }

  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    return read(() -> headOf(trajectories.get(trajectoryId.hex())));
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    KeysetStream.checkRange(fromSeq, toSeqExclusive);
    String key = trajectoryId.hex();
    // Bound the stream by the rows committed now (L5.4); later appends are not included.
    long end = read(() -> {
      List<StoredEntry> rows = trajectories.get(key);
      return Math.min(toSeqExclusive, rows == null ? 0 : rows.size());
    });
    return PagedReader.stream(fromSeq, end, (from, to) -> read(() -> {
      List<StoredEntry> rows = trajectories.get(key);
      List<StoredEntry> page = new ArrayList<>();
      for (long s = from; rows != null && s < Math.min(to, rows.size()); s++) {
        StoredEntry e = rows.get((int) s);
        if (e != null) {
          page.add(e);
        }
      }
      return page;
    }));
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    return read(() -> Optional.ofNullable(byId.get(entryId)));
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    return read(() -> {
      NavigableMap<String, ArrayList<StoredEntry>> view = page.after()
          .map(a -> trajectories.tailMap(a.hex(), false))
          .orElse(trajectories);
      List<Hash32> ids = new ArrayList<>();
      for (ArrayList<StoredEntry> rows : view.values()) {
        if (ids.size() == page.limit()) {
          return new Page<>(ids, true);
        }
        ids.add(rows.getLast().trajectoryId());
      }
      return new Page<>(ids, false);
    });
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    return read(() -> {
      NavigableMap<EntryQuery.Key, StoredEntry> view = page.after()
          .map(a -> timeline.tailMap(a, false))
          .orElse(timeline);
      List<StoredEntry> found = new ArrayList<>();
      for (StoredEntry e : view.values()) {
        if (query.toMs().isPresent() && e.recordedMs() >= query.toMs().getAsLong()) {
          break; // the timeline is ordered by recorded time first
        }
        if (query.matches(e)) {
          if (found.size() == page.limit()) {
            return new Page<>(found, true);
          }
          found.add(e);
        }
      }
      return new Page<>(found, false);
    });
  }

  @Override
  public Optional<CorruptionHook> corruptionHook() {
    return Optional.of(this);
  }

  @Override
  public void replaceStoredBytes(Hash32 trajectoryId, long seq, byte[] bytes) {
    write(() -> {
      StoredEntry old = row(trajectoryId, seq);
      StoredEntry tampered = old.withBytes(bytes);
      trajectories.get(trajectoryId.hex()).set((int) seq, tampered);
      timeline.put(EntryQuery.Key.of(old), tampered);
      return null;
    });
  }

  @Override
  public void removeStored(Hash32 trajectoryId, long seq) {
    write(() -> {
      StoredEntry old = row(trajectoryId, seq);
      ArrayList<StoredEntry> rows = trajectories.get(trajectoryId.hex());
      rows.set((int) seq, null);
      while (!rows.isEmpty() && rows.getLast() == null) {
        rows.removeLast();
      }
      if (rows.isEmpty()) {
        trajectories.remove(trajectoryId.hex());
      }
      byId.remove(old.id());
      timeline.remove(EntryQuery.Key.of(old));
      return null;
    });
  }

  private StoredEntry row(Hash32 trajectoryId, long seq) {
    List<StoredEntry> rows = trajectories.get(trajectoryId.hex());
    StoredEntry e = rows == null || seq < 0 || seq >= rows.size() ? null : rows.get((int) seq);
    if (e == null) {
      throw new IllegalArgumentException("no row at traj:" + trajectoryId.hex() + " seq " + seq);
    }
    return e;
  }

  /** Drops every entry; idempotent. Later calls throw {@link LedgerUnavailable}. */
  @Override
  public void close() {
    Lock w = lock.writeLock();
    w.lock();
    try {
      closed = true;
      trajectories.clear();
      byId.clear();
      timeline.clear();
    } finally {
      w.unlock();
    }
  }

  private <T> T read(Supplier<T> action) {
    return locked(lock.readLock(), action);
  }

  private <T> T write(Supplier<T> action) {
    return locked(lock.writeLock(), action);
  }

  private <T> T locked(Lock l, Supplier<T> action) {
    l.lock();
    try {
      if (closed) {
        throw new LedgerUnavailable("the memory ledger is closed", null);
      }
      return action.get();
    } finally {
      l.unlock();
    }
  }

  @Override
  public String toString() {
    Lock r = lock.readLock();
    r.lock();
    try {
      return "MemoryLedger[" + (closed ? "closed" : trajectories.size() + " trajectories, "
          + byId.size() + " entries") + "]";
    } finally {
      r.unlock();
    }
  }
}
