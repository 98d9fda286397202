package thymos.ledger.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.Driver;
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
 * The PostgreSQL backend (L7.2), with the reference backend's semantics (L7.3). Every append —
 * single or batch — is one transaction (a single append first tries one conditional insert, see
 * {@link #append}); the full form reads the head, checks position, parent and identical retries
 * (L5.1), and inserts; the primary key {@code (trajectory_id, seq)} and the unique id make
 * the database itself refuse a second entry at a position or a second use of an id, whichever
 * process or machine tried (L5.2, L2.1). An insert the keys refuse because a racing transaction
 * committed first rolls the whole transaction back and is run once more, which then sees the
 * winner and answers {@link AppendConflict} (or succeeds as a no-op if the winner stored the very
 * same entry). Reads page through the store with keyset queries, one pooled connection per page
 * (L5.4, L5.8). An append returns after its commit, which the server makes durable (L5.1).
 */
final class PostgresLedger implements LedgerBackend {

  /** Rows fetched per page of a streamed read. */
  static final int PAGE = 256;

  // A transaction that lost a key to a racing commit is run again; the second run sees the
  // winner, so more than two runs needs repeated interference (e.g. rows deleted by the hook).
  private static final int MAX_RUNS = 5;

  /** Thrown inside an append transaction to roll it back and run it again. */
  private static final class LostRace extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LostRace() {
      super(null, null, false, false);
    }
  }

  private final ConnectionPool pool;
  private final Set<Capability> capabilities;
  private final EntryRows rows;
  private final EntryQueries queries;
  private final String schema;

  private PostgresLedger(ConnectionPool pool, Set<Capability> capabilities, String schema,
      String quotedSchema) {
    this.pool = pool;
    this.capabilities = Set.copyOf(capabilities);
    this.schema = schema;
    this.rows = new EntryRows(quotedSchema);
    this.queries = new EntryQueries(rows.table);
  }

  /**
   * Connects, then checks or creates the schema's format (L5.7) in one transaction guarded by an
   * advisory lock (see {@link StoreFormat}).
   */
  static PostgresLedger open(PostgresOptions options) {
    Driver driver = new Driver();
    String url = options.jdbcUrl();
    Properties properties = options.driverProperties();
    ConnectionPool pool = new ConnectionPool(() -> connect(driver, url, properties),
        options.poolSize(), options.poolWaitMs());
    try {
      pool.transaction("checking the ledger's format", c -> {
        StoreFormat.prepare(c, options.schema(), options.quotedSchema());
        return null;
      });
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    Set<Capability> caps = EnumSet.of(Capability.CONCURRENT_PROCESSES,
        Capability.DURABLE_ACROSS_REOPEN);
    if (options.corruptionHook()) {
      caps.add(Capability.CORRUPTION_HOOK);
    }
    return new PostgresLedger(pool, caps, options.schema(), options.quotedSchema());
  }

  private static Connection connect(Driver driver, String url, Properties properties)
      throws SQLException {
    Connection c = driver.connect(url, properties);
    if (c == null) {
      throw new SQLException("the driver does not accept the URL", "08001");
    }
    try (PreparedStatement s = c.prepareStatement("SELECT set_config('synchronous_commit', 'on',"
        + " false) WHERE current_setting('synchronous_commit') = 'off'")) {
      // A commit must be durable when it returns (L5.1), whatever the server's default says.
      s.execute();
    } catch (SQLException e) {
      ConnectionPool.quietlyClose(c);
      throw e;
    }
    return c;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public int storageFormatVersion() {
    return StoreFormat.FORMAT_VERSION;
  }

  /** The schema holding this ledger's tables. */
  String schema() {
    return schema;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The common case costs one round trip: a single auto-committed {@code INSERT … SELECT …
   * WHERE} that stores the entry only if it follows the head (L5.1) and its position and id are
   * free (L5.2, L2.1). When it stores nothing, the full transaction of {@link #appendBatch} runs and
   * names the reason — or succeeds, for an identical retry.
   */
  @Override
  public void append(StoredEntry entry) {
    Objects.requireNonNull(entry, "entry");
    if (!pool.autoCommit("appending to the ledger", c -> rows.insertIfNext(c, entry))) {
      appendBatch(List.of(entry));
    }
  }

  @Override
  public void appendBatch(List<StoredEntry> entries) {
    List<StoredEntry> batch = List.copyOf(entries);
    StoredEntry.checkBatch(batch);
    if (batch.isEmpty()) {
      if (pool.isClosed()) {
        throw ConnectionPool.closedError();
      }
      return;
    }
    for (int run = 1; ; run++) {
      try {
        pool.transaction("appending to the ledger", c -> {
          appendIn(c, batch);
          return null;
        });
        return;
      } catch (LostRace e) {
        if (run == MAX_RUNS) {
          throw new LedgerUnavailable("appending to the ledger: the keys refused the insert "
              + MAX_RUNS + " times though the checks passed", null);
        }
      }
    }
  }

  private void appendIn(Connection c, List<StoredEntry> batch) throws SQLException {
    Hash32 traj = batch.getFirst().trajectoryId();
    Optional<Head> head = rows.head(c, traj);
    List<StoredEntry> fresh = new ArrayList<>();
    for (StoredEntry e : batch) {
      // Once one entry is new, the rest follow it by construction (StoredEntry.checkBatch).
      if (fresh.isEmpty() && head.isPresent() && e.seq() <= head.get().seq()) {
        // The position is at or below the head: a safe retry of the same entry, or a conflict.
        if (!rows.at(c, traj, e.seq()).map(e::equals).orElse(false)) {
          throw new AppendConflict(traj, e.seq(), head);
        }
      } else {
        fresh.add(e);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    StoredEntry first = fresh.getFirst();
    boolean follows = head.map(h -> first.seq() == h.seq() + 1
        && first.parent().equals(Optional.of(h.id()))).orElse(first.seq() == 0);
    if (!follows) {
      throw new AppendConflict(traj, first.seq(), head);
    }
    Optional<StoredEntry> skipped = rows.insert(c, fresh);
    if (skipped.isPresent()) {
      StoredEntry e = skipped.get();
      // READ COMMITTED: this statement sees the commit that took the key, and this batch's rows.
      Optional<Position> there = rows.locate(c, e.id());
      if (there.isPresent() && !there.get().equals(e.position())) {
        throw new DuplicateEntryId(e.id(), there.get(), e.position());
      }
      throw new LostRace();
    }
  }


  @Override
  public Optional<Head> head(Hash32 trajectoryId) {
    return pool.autoCommit("reading a head", c -> rows.head(c, trajectoryId));
  }

  @Override
  public Stream<StoredEntry> read(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    long end = KeysetStream.end(fromSeq, toSeqExclusive, () -> head(trajectoryId));
    return KeysetStream.stream(fromSeq, end, PAGE, from -> pool.autoCommit("reading entries",
        c -> rows.range(c, trajectoryId, from, end, PAGE)), StoredEntry::seq);
  }

  /** Reads the seq and bytes columns only: no id column is decoded (replay's read path). */
  @Override
  public Stream<byte[]> readBytes(Hash32 trajectoryId, long fromSeq, long toSeqExclusive) {
    long end = KeysetStream.end(fromSeq, toSeqExclusive, () -> head(trajectoryId));
    return KeysetStream.stream(fromSeq, end, PAGE, from -> pool.autoCommit("reading entries",
        c -> rows.rangeBytes(c, trajectoryId, from, end, PAGE)), EntryRows.SeqBytes::seq)
        .map(EntryRows.SeqBytes::bytes);
  }

  @Override
  public Optional<Position> locate(Hash32 entryId) {
    return pool.autoCommit("locating an entry", c -> rows.locate(c, entryId));
  }

  @Override
  public Page<Hash32> trajectories(PageRequest<Hash32> page) {
    List<Hash32> ids = pool.autoCommit("listing trajectories",
        c -> queries.trajectories(c, page));
    boolean more = ids.size() > page.limit();
    return new Page<>(more ? ids.subList(0, page.limit()) : ids, more);
  }

  @Override
  public Page<StoredEntry> query(EntryQuery query, PageRequest<EntryQuery.Key> page) {
    List<StoredEntry> found = pool.autoCommit("querying entries",
        c -> queries.run(c, query, page));
    boolean more = found.size() > page.limit();
    return new Page<>(more ? found.subList(0, page.limit()) : found, more);
  }

  @Override
  public Optional<CorruptionHook> corruptionHook() {
    return capabilities.contains(Capability.CORRUPTION_HOOK)
        ? Optional.of(new PostgresCorruptionHook(pool, rows.table)) : Optional.empty();
  }

  /** Closes every pooled connection; idempotent. Later calls throw {@link LedgerUnavailable}. */
  @Override
  public void close() {
    pool.close();
  }

  /** A server setting as a pooled connection sees it (tests check the session settings). */
  String setting(String name) {
    return pool.autoCommit("reading a setting", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT current_setting(?)")) {
        s.setString(1, name);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getString(1);
        }
      }
    });
  }

  @Override
  public String toString() {
    return "PostgresLedger[schema " + schema + (pool.isClosed() ? ", closed" : "") + "]";
  }
}
