package thymos.ledger.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * The SQLite backend (L7.1), with the reference backend's semantics (L7.3). Every append — single
 * or batch — is one {@code BEGIN IMMEDIATE} transaction: the position, parent and id checks and the
 * insert run under the database's write lock, which SQLite holds across connections and processes,
 * so racing appenders get exactly one winner per position (L5.1–L5.3); the primary key and the
 * unique id column enforce the same again. Reads page through the store with keyset queries, one
 * pooled connection per page, so memory stays bounded (L5.4, L5.8). With {@code synchronous=FULL}
 * (the default) an append is on disk when it returns.
 */
final class SqliteLedger implements LedgerBackend {

  /** Rows fetched per page of a streamed read. */
  static final int PAGE = 256;

  private final Connections db;
  private final Set<Capability> capabilities;
  private final boolean inMemory;

  private SqliteLedger(Connections db, Set<Capability> capabilities, boolean inMemory) {
    this.db = db;
    this.capabilities = Set.copyOf(capabilities);
    this.inMemory = inMemory;
  }

  /** Opens (or creates) the store {@code options} names; see {@link Connections#open}. */
  static SqliteLedger open(SqliteOptions options) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (options.file().isPresent()) {
      caps.add(Capability.CONCURRENT_PROCESSES);
      caps.add(Capability.DURABLE_ACROSS_REOPEN);
    }
    if (options.corruptionHook()) {
      caps.add(Capability.CORRUPTION_HOOK);
    }
    return new SqliteLedger(Connections.open(options), caps, options.file().isEmpty());
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public int storageFormatVersion() {
    return StoreFormat.FORMAT_VERSION;
  }

  @Override
  public void append(StoredEntry entry) {
    appendBatch(List.of(entry));
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    List<StoredEntry> batch = List.copyOf(entries);
    StoredEntry.checkBatch(batch);
    if (batch.isEmpty()) {
      if (db.isClosed()) {
        throw Connections.closedError();
      }
      return;
    }
    db.transaction("appending to the ledger", c -> {
      List<StoredEntry> fresh = new ArrayList<>();
      for (StoredEntry e : batch) {
        // Once one entry is new, the rest follow it by construction (StoredEntry.checkBatch).
        if (!fresh.isEmpty() || !isStoredIdentically(c, e)) {
          fresh.add(e);
        }
      }
      if (fresh.isEmpty()) {
        return null;
      }
      StoredEntry first = fresh.getFirst();
      Optional<Head> head = EntryRows.head(c, first.trajectoryId());
      boolean follows = head.map(h -> first.seq() == h.seq() + 1
          && first.parent().equals(Optional.of(h.id()))).orElse(first.seq() == 0);
      if (!follows) {
        throw new AppendConflict(first.trajectoryId(), first.seq(), head);
      }
      insert(c, fresh);
      return null;
    });
  }

  // Whether e's position already holds e itself (a safe retry); any other occupant conflicts.
  private static boolean isStoredIdentically(Connection c, StoredEntry e) throws SQLException {
    Optional<StoredEntry> there = EntryRows.at(c, e.trajectoryId(), e.seq());
    if (there.isEmpty()) {
      return false;
    }
    if (there.get().equals(e)) {
      return true;
    }
    throw new AppendConflict(e.trajectoryId(), e.seq(), EntryRows.head(c, e.trajectoryId()));
  }

  // The checks above hold the write lock, so the keys cannot fire; if they do, the error is typed.
  private static void insert(Connection c, List<StoredEntry> fresh) throws SQLException {
    try {
      EntryRows.insert(c, fresh);
    } catch (SQLException e) {
      if (SqlErrors.primaryCode(e) != SqlErrors.CONSTRAINT) {
        throw e;
      }
      // The unique id refused a row (the position was checked under the write lock): name the
      // first entry, in batch order, whose id is stored elsewhere — another trajectory, or an
      // earlier entry of this batch inserted just before. The transaction then rolls back.
      for (StoredEntry row : fresh) {
        Optional<Position> there = EntryRows.locate(c, row.id());
        if (there.isPresent() && !there.get().equals(row.position())) {
          DuplicateEntryId duplicate = new DuplicateEntryId(row.id(), there.get(),
              row.position());
          duplicate.addSuppressed(e);
          throw duplicate;
        }
      }
      StoredEntry first = fresh.getFirst();
      AppendConflict conflict = new AppendConflict(first.trajectoryId(), first.seq(),
          EntryRows.head(c, first.trajectoryId()));
      conflict.addSuppressed(e);
      throw conflict;
    }
  }


  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    return db.read("reading a head", c -> EntryRows.head(c, trajectoryId));
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    long end = KeysetStream.end(fromSeq, toSeqExclusive, () -> head(trajectoryId));
    return KeysetStream.stream(fromSeq, end, PAGE, from -> db.read("reading entries",
        c -> EntryRows.range(c, trajectoryId, from, end, PAGE)), StoredEntry::seq);
  }

  /** Reads the seq and bytes columns only: no id column is decoded (replay's read path). */
  @Override
  public Stream<byte[]> readBytes(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    long end = KeysetStream.end(fromSeq, toSeqExclusive, () -> head(trajectoryId));
    return KeysetStream.stream(fromSeq, end, PAGE, from -> db.read("reading entries",
        c -> EntryRows.rangeBytes(c, trajectoryId, from, end, PAGE)), EntryRows.SeqBytes::seq)
        .map(EntryRows.SeqBytes::bytes);
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    return db.read("locating an entry", c -> EntryRows.locate(c, entryId));
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    // A loose index scan: one index seek per trajectory, however many entries each holds.
    String sql = """
        WITH RECURSIVE t(id, n) AS (
          SELECT (SELECT min(trajectory_id) FROM entries WHERE trajectory_id > ?), 1
          UNION ALL
          SELECT (SELECT min(trajectory_id) FROM entries WHERE trajectory_id > t.id), n + 1
          FROM t WHERE t.id IS NOT NULL AND n <= ?)
        SELECT id FROM t WHERE id IS NOT NULL ORDER BY n""";
    List<String> ids = db.read("listing trajectories", c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, page.after().map(Hash32::hex).orElse(""));
        s.setInt(2, page.limit());
        try (ResultSet r = s.executeQuery()) {
          List<String> found = new ArrayList<>();
          while (r.next()) {
            found.add(r.getString(1));
          }
          return found;
        }
      }
    });
    boolean more = ids.size() > page.limit();
    List<Hash32> items = new ArrayList<>();
    for (String id : more ? ids.subList(0, page.limit()) : ids) {
      items.add(EntryQueries.trajectoryId(id));
    }
    return new Page<>(items, more);
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    List<StoredEntry> rows = db.read("querying entries", c -> EntryQueries.run(c, query, page));
    boolean more = rows.size() > page.limit();
    return new Page<>(more ? rows.subList(0, page.limit()) : rows, more);
  }

  @Override
  public Optional<CorruptionHook> corruptionHook() {
    return capabilities.contains(Capability.CORRUPTION_HOOK)
        ? Optional.of(new SqliteCorruptionHook(db)) : Optional.empty();
  }

  /** Releases every connection; idempotent. Later calls throw {@link LedgerUnavailable}. */
  @Override
  public void close() {
    db.close();
  }

  /** The value of {@code PRAGMA name} on the writer connection (tests check the settings). */
  String writerPragma(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a pragma name: " + name);
    }
    return db.write("reading a setting", c -> {
      try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
        return r.next() ? r.getString(1) : null;
      }
    });
  }

  /** Caps the database at {@code pages} pages, as a full disk would (tests of SQLITE_FULL). */
  void limitPages(long pages) {
    db.write("limiting the database size", c -> {
      Connections.exec(c, "PRAGMA max_page_count = " + pages);
      return null;
    });
  }

  @Override
  public String toString() {
    return "SqliteLedger[" + (inMemory ? "memory" : "file") + (db.isClosed() ? ", closed" : "")
        + "]";
  }
}
