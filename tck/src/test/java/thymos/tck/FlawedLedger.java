package thymos.tck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.DuplicateEntryId;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerUnavailable;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.Position;
import thymos.ledger.spi.StoredEntry;

/**
 * A small backend for testing the TCK itself (K4): correct and durable across reopen (its stores
 * live in a static map, keyed by the environment's name) unless given a {@link Flaw}.
 */
final class FlawedLedger implements LedgerBackend {

  /** The deliberate defects of K4. */
  enum Flaw {
    NONE,
    /** A single append at seq 2 reports success but stores nothing. */
    DROPS_AN_APPEND,
    /** Reopening a store returns its entries at seq 1 and 2 in swapped order. */
    REORDERS_ON_REOPEN,
    /** An append checks the seq but not the parent. */
    ACCEPTS_STALE_PARENT,
    /** Stores the bytes after a round trip through text, as a payload re-serialiser would. */
    RESERIALISES_PAYLOADS
  }

  private static final class Store {
    final TreeMap<String, List<StoredEntry>> rows = new TreeMap<>();
    final Map<Hash32, Position> ids = new HashMap<>();
  }

  private static final Map<String, Store> STORES = new ConcurrentHashMap<>();

  private final Store store;
  private final Flaw flaw;
  private boolean closed;

  FlawedLedger(TckEnvironment env, Flaw flaw) {
    this.flaw = flaw;
    boolean reopened = STORES.containsKey(env.name());
    this.store = STORES.computeIfAbsent(env.name(), k -> new Store());
    if (reopened && flaw == Flaw.REORDERS_ON_REOPEN) {
      synchronized (store) {
        store.rows.values().stream().filter(r -> r.size() > 2).forEach(r -> Collections.swap(r, 1,
            2));
      }
    }
  }

  static void drop(TckEnvironment env) {
    STORES.remove(env.name());
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.DURABLE_ACROSS_REOPEN);
  }

  @Override
  public int storageFormatVersion() {
    return 1;
  }

  @Override
  public void append(StoredEntry entry) {
    if (flaw == Flaw.DROPS_AN_APPEND && entry.seq() == 2) {
      check();
      return;
    }
    appendBatch(List.of(entry));
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    for (int i = 1; i < entries.size(); i++) {
      StoredEntry p = entries.get(i - 1);
      StoredEntry e = entries.get(i);
      if (!e.trajectoryId().equals(p.trajectoryId()) || e.seq() != p.seq() + 1
          || !e.parent().equals(Optional.of(p.id()))) {
        throw new IllegalArgumentException("not contiguous");
      }
    }
    synchronized (store) {
      check();
      List<StoredEntry> fresh = new ArrayList<>();
      for (StoredEntry e : entries) {
        List<StoredEntry> rows = store.rows.get(e.trajectoryId().hex());
        if (fresh.isEmpty() && rows != null && e.seq() < rows.size()) {
          if (!e.equals(rows.get((int) e.seq()))) {
            throw new AppendConflict(e.trajectoryId(), e.seq(), head(rows));
          }
        } else {
          fresh.add(e);
        }
      }
      if (fresh.isEmpty()) {
        return;
      }
      StoredEntry first = fresh.getFirst();
      List<StoredEntry> rows = store.rows.get(first.trajectoryId().hex());
      Optional<Head> head = head(rows);
      boolean parentOk = flaw == Flaw.ACCEPTS_STALE_PARENT
          || head.map(h -> first.parent().equals(Optional.of(h.id()))).orElse(true);
      if (first.seq() != head.map(h -> h.seq() + 1).orElse(0L) || !parentOk) {
        throw new AppendConflict(first.trajectoryId(), first.seq(), head);
      }
      Map<Hash32, Position> seen = new HashMap<>();
      for (StoredEntry e : fresh) {
        Position there = store.ids.getOrDefault(e.id(), seen.get(e.id()));
        if (there != null) {
          throw new DuplicateEntryId(e.id(), there, e.position());
        }
        seen.put(e.id(), e.position());
      }
      List<StoredEntry> target =
          store.rows.computeIfAbsent(first.trajectoryId().hex(), k -> new ArrayList<>());
      for (StoredEntry e : fresh) {
        target.add(flaw == Flaw.RESERIALISES_PAYLOADS ? e.withBytes(new String(e.canonicalBytes(),
            StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)) : e);
        store.ids.put(e.id(), e.position());
      }
    }
  }

  private static Optional<Head> head(List<StoredEntry> rows) {
    return rows == null || rows.isEmpty() ? Optional.empty() : Optional.of(Head.of(rows.getLast()));
  }

  private void check() {
    if (closed) {
      throw new LedgerUnavailable("closed", null);
    }
  }

  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    synchronized (store) {
      check();
      return head(store.rows.get(trajectoryId.hex()));
    }
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("bad range");
    }
    synchronized (store) {
      check();
      return store.rows.getOrDefault(trajectoryId.hex(), List.of()).stream()
          .filter(e -> e.seq() >= fromSeq && e.seq() < toSeqExclusive).toList().stream();
    }
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    synchronized (store) {
      check();
      return Optional.ofNullable(store.ids.get(entryId));
    }
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    synchronized (store) {
      check();
      List<Hash32> all = store.rows.keySet().stream()
          .filter(k -> page.after().map(a -> k.compareTo(a.hex()) > 0).orElse(true))
          .map(Hash32::parse).toList();
      return new Page<>(all.subList(0, Math.min(all.size(), page.limit())),
          all.size() > page.limit());
    }
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    synchronized (store) {
      check();
      List<StoredEntry> all = store.rows.values().stream().flatMap(List::stream)
          .filter(query::matches)
          .filter(e -> page.after().map(a -> EntryQuery.Key.of(e).compareTo(a) > 0).orElse(true))
          .sorted((a, b) -> EntryQuery.Key.of(a).compareTo(EntryQuery.Key.of(b))).toList();
      return new Page<>(all.subList(0, Math.min(all.size(), page.limit())),
          all.size() > page.limit());
    }
  }

  @Override
  public void close() {
    synchronized (store) {
      closed = true;
    }
  }
}
