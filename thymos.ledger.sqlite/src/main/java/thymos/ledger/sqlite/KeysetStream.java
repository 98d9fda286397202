package thymos.ledger.sqlite;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import thymos.ledger.spi.StoredEntry;

/**
 * A lazy stream over the seqs {@code [from, end)} of one trajectory that fetches one page at a
 * time, each page continuing after the last seq seen (keyset paging), so a reader holds at most
 * one page however long the trajectory (L5.4, L5.8) and no connection between pages.
 */
final class KeysetStream extends Spliterators.AbstractSpliterator<StoredEntry> {

  private final LongFunction<List<StoredEntry>> fetch;
  private final long end;
  private final int page;
  private final ArrayDeque<StoredEntry> buffer = new ArrayDeque<>();
  private long next;

  private KeysetStream(long from, long end, int page, LongFunction<List<StoredEntry>> fetch) {
    super(Math.max(0, end - from), Spliterator.ORDERED | Spliterator.NONNULL
        | Spliterator.DISTINCT);
    this.next = from;
    this.end = end;
    this.page = page;
    this.fetch = fetch;
  }

  /**
   * A sequential stream of the entries {@code fetch(next)} returns: at most {@code page} entries
   * with {@code next <= seq < end}, in seq order.
   */
  static Stream<StoredEntry> stream(long from, long end, int page,
      LongFunction<List<StoredEntry>> fetch) {
    return StreamSupport.stream(new KeysetStream(from, end, page, fetch), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super StoredEntry> action) {
    if (buffer.isEmpty() && next < end) {
      List<StoredEntry> rows = fetch.apply(next);
      buffer.addAll(rows);
      // A short page is the last; gaps (K2.4) are skipped because the key is the last seq seen.
      next = rows.size() < page ? end : rows.getLast().seq() + 1;
    }
    StoredEntry e = buffer.poll();
    if (e == null) {
      return false;
    }
    action.accept(e);
    return true;
  }
}
