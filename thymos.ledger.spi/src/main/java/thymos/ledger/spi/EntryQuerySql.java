package thymos.ledger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import thymos.api.crypto.Hash32;

/**
 * The audit listing of L5.4 ({@link LedgerBackend#query}) as SQL, for backends that store entries
 * in a table with the columns {@code recorded_ms}, {@code trajectory_id}, {@code seq} and
 * {@code kind}: the filters of an {@link EntryQuery} as bound parameters, the page key as a
 * row-value comparison, in {@link EntryQuery.Key} order, at most {@code limit + 1} rows (the
 * extra one shows that more follow). The SQLite and PostgreSQL backends share it; each stores
 * trajectory ids its own way, so the caller says how an id is bound. No JDBC here: bind
 * {@link #args()} in order, e.g. with {@code PreparedStatement.setObject}.
 *
 * @param sql the statement, with {@code ?} for each argument
 * @param args the arguments in order: {@code Long}, {@code String} (kind) and whatever
 *     {@code storedId} returns for ids
 */
public record EntryQuerySql(String sql, List<Object> args) {

  /** Copies the arguments. */
  public EntryQuerySql {
    Objects.requireNonNull(sql, "sql");
    args = List.copyOf(args);
  }

  /**
   * The statement {@code selectFrom WHERE … ORDER BY recorded_ms, trajectory_id, seq LIMIT ?}.
   *
   * @param selectFrom {@code SELECT <columns> FROM <table>}
   * @param storedId how a trajectory id is stored (hex text, 32 bytes, …); its SQL order must be
   *     the ids' unsigned byte order, as {@link EntryQuery.Key} orders them
   */
  public static EntryQuerySql of(String selectFrom, EntryQuery query,
      PageRequest<EntryQuery.Key> page, Function<Hash32, Object> storedId) {
    StringBuilder sql = new StringBuilder(selectFrom).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    page.after().ifPresent(k -> {
      sql.append(" AND (recorded_ms, trajectory_id, seq) > (?, ?, ?)");
      args.add(k.recordedMs());
      args.add(storedId.apply(k.trajectoryId()));
      args.add(k.seq());
    });
    query.kind().ifPresent(k -> {
      sql.append(" AND kind = ?");
      args.add(k.wire());
    });
    query.trajectoryId().ifPresent(t -> {
      sql.append(" AND trajectory_id = ?");
      args.add(storedId.apply(t));
    });
    if (query.fromMs().isPresent()) {
      sql.append(" AND recorded_ms >= ?");
      args.add(query.fromMs().getAsLong());
    }
    if (query.toMs().isPresent()) {
      sql.append(" AND recorded_ms < ?");
      args.add(query.toMs().getAsLong());
    }
    sql.append(" ORDER BY recorded_ms, trajectory_id, seq LIMIT ?");
    args.add((long) page.limit() + 1);
    return new EntryQuerySql(sql.toString(), args);
  }
}
