package thymos.ledger.spi.memory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import thymos.ledger.spi.StoredEntry;

/**
 * A stream over the seq range {@code [from, end)} that fetches one page of seqs at a time, so a
 * reader holds at most one page however long the trajectory (L5.4, L5.8) and the store's lock is
 * held only while a page is copied out.
 */
final class PagedReader extends Spliterators.AbstractSpliterator<StoredEntry> {

  /** Seqs fetched per page. */
  static final int PAGE = 512;

  private final BiFunction<Long, Long, List<StoredEntry>> fetch;
  private final long end;
  private final ArrayDeque<StoredEntry> buffer = new ArrayDeque<>();
  private long next;

  private PagedReader(long from, long end, BiFunction<Long, Long, List<StoredEntry>> fetch) {
    super(Math.max(0, end - from), Spliterator.ORDERED | Spliterator.NONNULL
        | Spliterator.DISTINCT);
    this.next = from;
    this.end = end;
    this.fetch = fetch;
  }

  /**
   * A sequential stream of the entries {@code fetch(from, to)} returns for consecutive page ranges
   * covering {@code [from, end)}.
   */
  static Stream<StoredEntry> stream(long from, long end,
      BiFunction<Long, Long, List<StoredEntry>> fetch) {
    return StreamSupport.stream(new PagedReader(from, end, fetch), false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super StoredEntry> action) {
    // A page may be empty where rows were removed (K2.4), so keep fetching until the range ends.
    while (buffer.isEmpty() && next < end) {
      long to = Math.min(end, next + PAGE);
      buffer.addAll(fetch.apply(next, to));
      next = to;
    }
    StoredEntry e = buffer.poll();
    if (e == null) {
      return false;
    }
    action.accept(e);
    return true;
  }
}
