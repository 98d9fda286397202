package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.model.Budget;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryRef;
import thymos.api.model.RootPayload;
import thymos.ledger.spi.StoredEntry;
import thymos.ledger.spi.memory.MemoryLedger;

/** 09 §D4: the projection of a chain of delegations, and its depth limit. */
class DelegationDagDepthTest {

  private static Hash32 hash(String s) {
    return Ids.blake3(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A chain root → t1 → … → t{levels}: each trajectory a root and one delegation entry. */
  private static Hash32 chain(MemoryLedger ledger, int levels) {
    Hash32 first = hash("t0");
    Optional<EntryRef> from = Optional.empty();
    Hash32 t = first;
    for (int i = 0; i <= levels; i++) {
      Hash32 writ = hash("writ" + i);
      Entry root = Entry.create(t, 0, Optional.empty(), 1, from.isEmpty()
          ? RootPayload.bound(writ, "root") : RootPayload.delegated(writ, "child", from.get()));
      ledger.append(StoredEntry.of(root));
      if (i == levels) {
        break;
      }
      Hash32 child = hash("t" + (i + 1));
      Entry d = Entry.create(t, 1, Optional.of(root.id()), 2, new DelegationPayload(child,
          hash("writ" + (i + 1)), "task " + i, new Budget(0, 1, 0, 0)));
      ledger.append(StoredEntry.of(d));
      from = Optional.of(new EntryRef(t, d.id()));
      t = child;
    }
    return first;
  }

  @Test
  @DisplayName("D4: a chain exactly MAX_DEPTH deep projects; one level more is THY-D400")
  void required_D4_depthLimitIsATypedError() {
    MemoryLedger ok = new MemoryLedger();
    DelegationDag dag = DelegationDag.project(ok, chain(ok, DelegationDag.MAX_DEPTH));
    assertEquals(DelegationDag.MAX_DEPTH, dag.depth());
    assertEquals(DelegationDag.MAX_DEPTH, dag.edges().size());
    assertEquals("task 0", dag.edges().get(0).task());
    MemoryLedger deep = new MemoryLedger();
    Hash32 root = chain(deep, DelegationDag.MAX_DEPTH + 1);
    ProtocolViolation v = assertThrows(ProtocolViolation.class,
        () -> DelegationDag.project(deep, root));
    assertEquals("THY-D400", v.code());
    assertTrue(v.getMessage().contains("deeper than " + DelegationDag.MAX_DEPTH), v.getMessage());
  }
}
