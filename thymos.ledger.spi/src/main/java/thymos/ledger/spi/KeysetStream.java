package thymos.ledger.spi;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy stream over the seqs {@code [from, end)} of one trajectory that fetches one page at a
 * time, each page continuing after the last seq seen (keyset paging), so a reader holds at most
 * one page however long the trajectory (L5.4, L5.8) and no connection between pages. For backend
 * authors: {@code read} and {@code readBytes} of the SQLite and PostgreSQL backends are built on
 * it; a short page ends the stream, and rows missing inside a page (K2.4 gaps) are skipped.
 *
 * @param <T> a row: a {@link StoredEntry}, or whatever {@code readBytes} fetches
 */
public final class KeysetStream<T> extends Spliterators.AbstractSpliterator<T> {

  private final LongFunction<List<T>> fetch;
  private final ToLongFunction<T> seqOf;
  private final long end;
  private final int page;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private long next;

  private KeysetStream(long from, long end, int page, LongFunction<List<T>> fetch,
      ToLongFunction<T> seqOf) {
    super(Math.max(0, end - from), Spliterator.ORDERED | Spliterator.NONNULL
        | Spliterator.DISTINCT);
    this.next = from;
    this.end = end;
    this.page = page;
    this.fetch = fetch;
    this.seqOf = seqOf;
  }

  /**
   * A sequential stream of the rows {@code fetch(next)} returns: at most {@code page} rows with
   * {@code next <= seq < end}, in seq order, {@code seqOf} naming a row's seq.
   */
  public static <T> Stream<T> stream(long from, long end, int page, LongFunction<List<T>> fetch,
      ToLongFunction<T> seqOf) {
    return StreamSupport.stream(new KeysetStream<>(from, end, page, fetch, seqOf), false);
  }

  /**
   * Checks a requested read range (L5.4).
   *
   * @throws IllegalArgumentException if {@code fromSeq < 0} or {@code toSeqExclusive < fromSeq}
   */
  public static void checkRange(long fromSeq, long toSeqExclusive) {
    if (fromSeq < 0 || toSeqExclusive < fromSeq) {
      throw new IllegalArgumentException("read range [" + fromSeq + ", " + toSeqExclusive
          + ") is not a range of seqs");
    }
  }

  /**
   * The end of a read of {@code [fromSeq, toSeqExclusive)} bounded by the rows committed now
   * ({@code head}, read once): later appends are not in the stream (L5.4).
   *
   * @throws IllegalArgumentException for a range {@link #checkRange} refuses, before the head is
   *     read
   */
  public static long end(long fromSeq, long toSeqExclusive, Supplier<Optional<Head>> head) {
    checkRange(fromSeq, toSeqExclusive);
    return head.get().map(h -> Math.min(toSeqExclusive, h.seq() + 1)).orElse(0L);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    if (buffer.isEmpty() && next < end) {
      List<T> rows = fetch.apply(next);
      buffer.addAll(rows);
      // A short page is the last; gaps (K2.4) are skipped because the key is the last seq seen.
      next = rows.size() < page ? end : seqOf.applyAsLong(rows.getLast()) + 1;
    }
    T e = buffer.poll();
    if (e == null) {
      return false;
    }
    action.accept(e);
    return true;
  }
}
