package thymos.kernel.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.LedgerException;
import thymos.api.crypto.Hash32;
import thymos.api.model.BranchPayload;
import thymos.api.model.Entry;
import thymos.api.model.World;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.StoredEntry;

/**
 * Replay (R1–R5): re-verifies one recorded trajectory from its stored bytes and rebuilds its
 * world. It takes only the stored entries (or, for {@link #replayBranch}, a ledger it only reads
 * them from), the trajectory id expected and the {@link ReplayOptions}; it has no tool registry,
 * no cognition provider and no clock, so it cannot run a tool or call a model (R1).
 *
 * <p>Each entry goes through the checks of R2 in order — form, hash, chain, signature, content,
 * authority — and the pins of R3. Entries are streamed: memory is bounded by the world and a few
 * compact indices (see {@code ContentChecks}), not by the number of entries (R1).
 *
 * <p>The checks that depend on one entry's bytes alone (R2.1, R2.2, R2.4 and the id checks of
 * R2.5) run on the fork-join pool (the caller's, else the common one) for batches of up to 512
 * entries, one batch read ahead, while the calling thread runs the order-dependent checks and
 * helps; the results do not depend on the parallelism. In fail-fast mode up to 1,023 entries
 * past the failing one may have been read and checked this way, but they are not reported or
 * counted.
 *
 * <p>A branch (R7) starts from its source's world at the branch point, which its own entries do
 * not hold: {@link #replay(Hash32, Iterator, ReplayOptions)} of a branch reports {@code
 * branch_source_unverified} and fails; {@link #replayBranch} reads and verifies the source prefix
 * from a ledger too.
 *
 * <p>Thread-safe: every call is independent.
 */
public final class Replayer {

  /**
   * Entries read ahead and prepared in parallel: groups enough to share among the cores, few
   * enough that memory stays bounded (a few MiB at typical entry sizes, two batches at a time).
   */
  private static final int BATCH = 4 * PreparedBatch.GROUP;

  private Replayer() {}

  /** The next batch of up to {@link #BATCH} entries, being prepared; null at the end. */
  private static PreparedBatch next(Iterator<byte[]> entries) {
    if (!entries.hasNext()) {
      return null;
    }
    List<byte[]> batch = new ArrayList<>(BATCH);
    while (batch.size() < BATCH && entries.hasNext()) {
      batch.add(entries.next());
    }
    return PreparedBatch.start(batch);
  }

  /**
   * Replays {@code entries}, the canonical bytes of one trajectory's stored entries in seq order,
   * with the default options (fail-fast, nothing pinned, no authority check).
   *
   * @return the report; a tampered or inconsistent ledger gives a report whose verdict is {@code
   *     failed}, never an exception
   */
  public static ReplayReport replay(Hash32 trajectoryId, Iterator<byte[]> entries) {
    return replay(trajectoryId, entries, ReplayOptions.defaults());
  }

  /**
   * Replays {@code entries}, the canonical bytes of one trajectory's stored entries in seq order
   * (R2), applying the pins and authority input of {@code options} (R2.6, R3).
   *
   * @return the report (R5); violations are values in it, never exceptions
   */
  public static ReplayReport replay(Hash32 trajectoryId, Iterator<byte[]> entries,
      ReplayOptions options) {
    Objects.requireNonNull(entries, "entries");
    ReplayRun run = new ReplayRun(Objects.requireNonNull(trajectoryId, "trajectoryId"),
        Objects.requireNonNull(options, "options"));
    feed(run, entries);
    return run.finish();
  }

  /** Checks {@code entries} in order into {@code run} until they end or the run halts. */
  static void feed(ReplayRun run, Iterator<byte[]> entries) {
    // The byte-only checks (parse, canonical form, ids, signatures) are independent per entry
    // and dominate the cost, so they run on the pool, one batch ahead; every order-dependent
    // check runs here, in step(), in order.
    PreparedBatch current = next(entries);
    while (current != null) {
      PreparedBatch ahead = next(entries);
      for (int i = 0; i < current.size() && !run.halted(); i++) {
        run.step(current.get(i));
      }
      current.close();
      if (run.halted()) {
        if (ahead != null) {
          ahead.close();
        }
        break;
      }
      current = ahead;
    }
  }

  /** How deep branches of branches may nest before a replay gives up on the source chain. */
  static final int MAX_BRANCH_DEPTH = 256;

  /**
   * Replays the trajectory {@code trajectoryId} of {@code ledger} (R2) and, when it is a branch
   * (R7), first the prefix of its source trajectory up to and including the source entry —
   * recursively for a branch of a branch — with the same mode, signer, compiler-version,
   * policy-set and authority options (the world-hash and head pins apply to the branch only).
   * The branch's world starts at the verified source world, so the report's world hash is the
   * branch run's. A source entry that does not exist is a {@code branch_source_missing}
   * violation, a source prefix that does not verify a {@code branch_source_invalid} one (naming
   * the prefix's first violation), both at seq 0 of the branch. A trajectory that is not a branch
   * replays exactly as {@link #replay(Hash32, Iterator, ReplayOptions)} would.
   *
   * @return the report (R5); violations are values in it, never exceptions
   * @throws LedgerException for a backend failure
   */
  public static ReplayReport replayBranch(LedgerBackend ledger, Hash32 trajectoryId,
      ReplayOptions options) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    Objects.requireNonNull(options, "options");
    ReplayRun run = new ReplayRun(trajectoryId, options);
    sourceOf(ledger, trajectoryId, prefixOptions(options), 0).ifPresent(run::source);
    try (Stream<StoredEntry> entries = ledger.read(trajectoryId)) {
      feed(run, entries.map(StoredEntry::canonicalBytes).iterator());
    }
    return run.finish();
  }

  /**
   * Replays {@code root} with its descendants (07 §R8): the root as {@link #replayBranch} does,
   * every trajectory of its delegation DAG ({@link DelegationDag#project}) with the same mode,
   * signer, compiler-version, policy-set and authority options (the world-hash and head pins are
   * the root's), and every {@code delegation} edge with {@link DelegationDag#verify} against the
   * writs of the options' authority input (without one, every edge fails: W3 cannot be checked).
   *
   * @return the reports and verdicts; violations are values in it, never exceptions
   * @throws LedgerException for a backend failure
   * @throws thymos.api.ProtocolViolation {@code THY-D400} if children nest deeper than {@link
   *     DelegationDag#MAX_DEPTH}
   */
  public static TreeReport replayTree(LedgerBackend ledger, Hash32 root, ReplayOptions options) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    return replayTree(ledger, DelegationDag.project(ledger, root),
        replayBranch(ledger, root, options), options);
  }

  /**
   * As {@link #replayTree(LedgerBackend, Hash32, ReplayOptions)} for a caller that already
   * projected the DAG and replayed its root with {@code options}: replays the descendants and
   * verifies the edges only.
   *
   * @throws IllegalArgumentException if {@code rootReport} is not the report of the DAG's root
   */
  public static TreeReport replayTree(LedgerBackend ledger, DelegationDag dag,
      ReplayReport rootReport, ReplayOptions options) {
    Objects.requireNonNull(ledger, "ledger");
    Hash32 root = dag.nodes().get(0).trajectoryId();
    if (!rootReport.trajectoryId().equals(root)) {
      throw new IllegalArgumentException("the report of " + rootReport.trajectoryId().hex()
          + " is not the report of the DAG's root " + root.hex());
    }
    ReplayOptions childOptions = prefixOptions(options);
    List<TreeReport.Child> children = new ArrayList<>();
    for (DelegationDag.Node n : dag.nodes()) {
      if (!n.trajectoryId().equals(root)) {
        children.add(new TreeReport.Child(n, replayBranch(ledger, n.trajectoryId(),
            childOptions)));
      }
    }
    List<DelegationDag.Verdict> edges = dag.verify(id -> options.authority()
        .flatMap(a -> a.writ(id)));
    return new TreeReport(rootReport, dag, children, edges);
  }

  /** The options a source prefix is replayed with: no world-hash or head pin (they are the end's). */
  private static ReplayOptions prefixOptions(ReplayOptions o) {
    return new ReplayOptions(o.mode(), o.compilerVersions(), o.policySets(), o.signers(),
        Optional.empty(), Optional.empty(), o.authority());
  }

  /**
   * What {@code trajectoryId}'s source is, when its seq 0 is a branch entry (R7): the verified
   * source world, or why it is not known. Empty when it is not a branch (or seq 0 does not read:
   * the replay itself reports that). Reads the source before the caller opens its own stream.
   */
  private static Optional<ReplayRun.BranchSource> sourceOf(LedgerBackend ledger,
      Hash32 trajectoryId, ReplayOptions options, int depth) {
    Optional<BranchPayload> branch;
    try (Stream<StoredEntry> first = ledger.read(trajectoryId, 0, 1)) {
      branch = first.findFirst().flatMap(Replayer::branchPayload);
    }
    if (branch.isEmpty()) {
      return Optional.empty();
    }
    BranchPayload b = branch.get();
    if (depth >= MAX_BRANCH_DEPTH) {
      return Optional.of(new ReplayRun.BranchSource(b, Optional.empty(),
          Optional.of(Violation.Reason.BRANCH_SOURCE_INVALID),
          "branches nested deeper than " + MAX_BRANCH_DEPTH));
    }
    ReplayRun prefix = new ReplayRun(b.sourceTrajectoryId(), options);
    sourceOf(ledger, b.sourceTrajectoryId(), options, depth + 1).ifPresent(prefix::source);
    boolean[] found = new boolean[1];
    try (Stream<StoredEntry> entries = ledger.read(b.sourceTrajectoryId())) {
      Iterator<StoredEntry> stored = entries.iterator();
      feed(prefix, new Iterator<>() {
        @Override
        public boolean hasNext() {
          return !found[0] && stored.hasNext();
        }

        @Override
        public byte[] next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          StoredEntry s = stored.next();
          found[0] = s.id().equals(b.sourceEntryId());
          return s.canonicalBytes();
        }
      });
    }
    if (prefix.anyViolation()) {
      Violation first = prefix.firstViolation().orElseThrow();
      return Optional.of(new ReplayRun.BranchSource(b, Optional.empty(),
          Optional.of(Violation.Reason.BRANCH_SOURCE_INVALID), first.message()));
    }
    if (!found[0]) {
      return Optional.of(new ReplayRun.BranchSource(b, Optional.empty(),
          Optional.of(Violation.Reason.BRANCH_SOURCE_MISSING),
          b.sourceTrajectoryId().display("traj") + " holds " + prefix.position()
              + " entries, none with that id"));
    }
    World world = prefix.world();
    return Optional.of(new ReplayRun.BranchSource(b, Optional.of(world), Optional.empty(), ""));
  }

  private static Optional<BranchPayload> branchPayload(StoredEntry s) {
    try {
      return Entry.parse(s.canonicalBytes()).payload() instanceof BranchPayload b
          ? Optional.of(b) : Optional.empty();
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // R2.1 reports it when the entry is replayed
    }
  }

  /**
   * As {@link #replay(Hash32, Iterator, ReplayOptions)} for a stream (for example a ledger read,
   * L5.4). The stream is consumed lazily and not closed: its owner closes it.
   */
  public static ReplayReport replay(Hash32 trajectoryId, Stream<byte[]> entries,
      ReplayOptions options) {
    return replay(trajectoryId, entries.iterator(), options);
  }
}
