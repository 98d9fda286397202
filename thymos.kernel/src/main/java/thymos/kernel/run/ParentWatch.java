package thymos.kernel.run;

import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.api.model.DelegationResultPayload;
import thymos.api.model.Entry;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * Whether a delegated child's parent has closed it (09 §D2): once the parent records the child's
 * {@code delegation_result}, the reservation is settled, so the child may no longer start work
 * (only compensations, X6.3). Reads the parent's trajectory incrementally — each check reads only
 * the entries appended since the last one — so a child notices a close made by any runtime at its
 * next intent, the way it notices a revocation.
 */
final class ParentWatch {

  private final LedgerBackend ledger;
  private final Hash32 parent;
  private final Hash32 child;
  private long scanned;
  private boolean closed;

  ParentWatch(LedgerBackend ledger, Hash32 parent, Hash32 child) {
    this.ledger = ledger;
    this.parent = parent;
    this.child = child;
  }

  /** The parent trajectory. */
  Hash32 parent() {
    return parent;
  }

  /** Whether the parent holds a {@code delegation_result} for the child; once true, always. */
  synchronized boolean closed() {
    if (closed) {
      return true;
    }
    Optional<Long> head = ledger.head(parent).map(h -> h.seq());
    if (head.isEmpty() || head.get() < scanned) {
      return false;
    }
    try (Stream<StoredEntry> fresh = ledger.read(parent, scanned, head.get() + 1)) {
      for (Iterator<StoredEntry> it = fresh.iterator(); it.hasNext() && !closed; ) {
        StoredEntry s = it.next();
        closed = Entry.parse(s.canonicalBytes()).payload() instanceof DelegationResultPayload r
            && r.childTrajectoryId().equals(child);
        scanned = s.seq() + 1;
      }
    }
    return closed;
  }
}
