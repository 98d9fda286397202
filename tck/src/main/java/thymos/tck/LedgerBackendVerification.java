package thymos.tck;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import thymos.ledger.spi.Capability;
import thymos.ledger.spi.LedgerBackend;

/**
 * The ledger-backend contract suite (spec 10 K1, K2; 06 L5). A backend author extends this class
 * in a test and implements {@link #create}:
 *
 * <pre>{@code
 * class MyBackendTckTest extends LedgerBackendVerification {
 *   protected LedgerBackend create(TckEnvironment env) {
 *     return MyBackend.open(env.directory().resolve("ledger"));
 *   }
 * }
 * }</pre>
 *
 * <p>The tests run on the JUnit Platform: Jupiter runs the {@code @Nested} rule groups, one or more
 * tests per numbered rule of L5 (named {@code required_L5_<n>_…}, display names citing the rule),
 * and jqwik runs the properties of this class, so the backend's tests need both engines (this
 * artifact brings jqwik's). Each test opens fresh stores through {@link #create} and closes them,
 * calls {@link #cleanUp} and deletes their folders afterwards. A test that needs a {@link
 * Capability} the backend does not declare is skipped with the message {@code needs capability
 * <NAME>} (K2.6); a test that needs an optional override says which. Random choices derive from
 * {@code -Dthymos.tck.seed} when set (K5); failure messages name the seed.
 */
public abstract class LedgerBackendVerification {

  /** For subclasses. */
  protected LedgerBackendVerification() {}

  /**
   * Opens the store {@code env} identifies (K1): the same environment again must open the same
   * store (after the TCK closed every handle, or — when the backend declares {@link
   * Capability#CONCURRENT_PROCESSES} — while other handles are open); a new environment, a fresh
   * empty store. A backend that declares {@link Capability#CORRUPTION_HOOK} only when asked must
   * be asked here, since the tamper tests (K2.4) need the hook.
   *
   * @param env the store's folder, unique name, seed and durability hint
   * @return a new open handle; the TCK closes it
   */
  protected abstract LedgerBackend create(TckEnvironment env);

  /**
   * Removes what the store of {@code env} left outside {@link TckEnvironment#directory()} (a
   * database, a schema), after all its handles are closed. The default does nothing; the folder
   * itself is deleted by the TCK.
   */
  protected void cleanUp(TckEnvironment env) {}

  /**
   * The action that stamps the closed store of {@code env} with storage format {@code version},
   * as an older or newer release of the backend would have (L5.7); the TCK runs it with no handle
   * open. The default is empty, and the test that needs it is skipped naming this method.
   */
  protected Optional<Runnable> restampFormat(TckEnvironment env, int version) {
    return Optional.empty();
  }

  /** L5.1, L2: single appends, conflicts, idempotent retry, duplicate ids, byte identity. */
  @Nested
  @DisplayName("L5.1 append")
  class L5_1_Append extends AppendRules {
    L5_1_Append() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.2, K2.3: racing appenders and readers. */
  @Nested
  @DisplayName("L5.2 fork-proof under concurrency (K2.3)")
  class L5_2_Concurrency extends ConcurrencyRules {
    L5_2_Concurrency() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.3: batches. */
  @Nested
  @DisplayName("L5.3 appendBatch")
  class L5_3_Batch extends BatchRules {
    L5_3_Batch() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.4: head, read, readBytes. */
  @Nested
  @DisplayName("L5.4 reads")
  class L5_4_Reads extends ReadRules {
    L5_4_Reads() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.4: locate, trajectories, query. */
  @Nested
  @DisplayName("L5.4 listings")
  class L5_4_Listings extends ListingRules {
    L5_4_Listings() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.5: structure only, no cryptography, columns as given. */
  @Nested
  @DisplayName("L5.5 structure, not cryptography")
  class L5_5_Structure extends StructureRules {
    L5_5_Structure() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.6 errors and L5.1 durability across reopen. */
  @Nested
  @DisplayName("L5.6 errors, L5.1 durability")
  class L5_6_ErrorsAndDurability extends ErrorAndDurabilityRules {
    L5_6_ErrorsAndDurability() {
      super(LedgerBackendVerification.this);
    }
  }

  /** L5.7: the storage format stamp. */
  @Nested
  @DisplayName("L5.7 storage format")
  class L5_7_Format extends FormatRules {
    L5_7_Format() {
      super(LedgerBackendVerification.this);
    }
  }

  /** K2.5: proofs, snapshots and export/import from the backend's entries. */
  @Nested
  @DisplayName("K2.5 proofs, snapshots, export and import")
  class K2_5_Proofs extends ProofRules {
    K2_5_Proofs() {
      super(LedgerBackendVerification.this);
    }
  }

  /** K2.4: tamper evidence through the corruption hook. */
  @Nested
  @DisplayName("K2.4 tamper evidence")
  class K2_4_Tamper extends TamperRules {
    K2_4_Tamper() {
      super(LedgerBackendVerification.this);
    }
  }

  /**
   * Action chains for K2.2: each starts on a fresh store of the backend under test; a reopen
   * action is included when the backend declares {@link Capability#DURABLE_ACROSS_REOPEN}.
   */
  @Provide
  Arbitrary<ActionChain<Equivalence>> equivalenceChains() {
    boolean durable;
    try (TckStore probe = new TckStore(this, "capabilities", false)) {
      durable = probe.open().capabilities().contains(Capability.DURABLE_ACROSS_REOPEN);
    }
    return Equivalence.chains(() -> {
      TckStore store = new TckStore(this, "equivalence", false);
      return new Equivalence.Store() {
        @Override
        public LedgerBackend open() {
          return store.open();
        }

        @Override
        public void close() {
          store.close();
        }
      };
    }, durable, 30);
  }

  /**
   * K2.2 (I5): a kernel runtime on the backend and one on the in-memory reference receive the
   * same random actions — open runs, branch runs (R7), submit intents that commit, are rejected,
   * suspend or fail, approve, record usage, move the clock, reopen the store (when durable) — and
   * after every step have the same trajectories, heads, entry bytes, world hashes and replay
   * reports (branches replayed with their source prefix). A failure
   * shrinks to a short action sequence; jqwik prints it and the seed.
   */
  @Property(tries = 15)
  @Label("K2.2: a runtime on the backend stays identical to one on the reference, step by step")
  void required_K2_2_equivalentToTheReference(
      @ForAll("equivalenceChains") ActionChain<Equivalence> chain) {
    try {
      chain.withInvariant("K2.2", Equivalence::assertEquivalent).run();
    } finally {
      Equivalence.closeAll();
    }
  }

  /**
   * K2.5, R6.2: on a random kernel trajectory stored in the backend, a snapshot made at a random
   * seq and the entries the backend returns after it replay to exactly the full replay's report.
   */
  @Property(tries = 10)
  @Label("K2.5, R6.2: snapshot-assisted replay equals full replay on the backend's entries")
  void required_K2_5_snapshotReplayEqualsFullReplay(
      @ForAll @IntRange(min = 1, max = 60) int size, @ForAll @IntRange(min = 0) int cut) {
    try (TckStore store = new TckStore(this, "snapshot#" + size + "#" + cut, false)) {
      ProofRules.assertSnapshotReplayEqualsFullReplay(store.open(), store.env().seed(), size,
          cut % size);
    }
  }

  /** Random append attempts, single and batched (jqwik shrinks a failure to a minimal one). */
  @Provide
  Arbitrary<List<ModelCheck.Attempt>> attempts() {
    return ModelCheck.attempts();
  }

  /**
   * L5.1, L5.3, L5.4 against a plain model: random appends and batches — following, stale,
   * gapped, repeated, with a reused id — succeed or fail exactly as the rules say, with the
   * conflict's head; afterwards every read, head, locate, trajectory page and query page agrees
   * with the model.
   */
  @Property(tries = 100)
  @Label("L5.1, L5.3, L5.4: appends and every read agree with the rules' model")
  void required_L5_1_appendsAndReadsAgreeWithTheModel(
      @ForAll("attempts") List<ModelCheck.Attempt> attempts,
      @ForAll @IntRange(min = 1, max = 4) int pageSize) {
    try (TckStore store = new TckStore(this, "model#" + attempts.hashCode(), false)) {
      ModelCheck.run(store.open(), attempts, pageSize);
    }
  }
}
