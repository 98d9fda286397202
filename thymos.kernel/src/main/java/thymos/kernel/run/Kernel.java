package thymos.kernel.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.ConfigurationException;
import thymos.api.LedgerException;
import thymos.api.RequestRefused;
import thymos.api.crypto.Hash32;
import thymos.api.model.BranchPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.RiskClass;
import thymos.api.model.Budget;
import thymos.api.model.EntryRef;
import thymos.api.model.RootPayload;
import thymos.api.model.World;
import thymos.api.spi.Clock;
import thymos.api.spi.Entropy;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.Rejection;
import thymos.kernel.compiler.ChainSource;
import thymos.kernel.policy.PolicyEngine;
import thymos.kernel.redaction.Redactor;
import thymos.kernel.registry.ToolRegistry;
import thymos.ledger.spi.EntryQuery;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerCorrupted;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;
import thymos.ledger.spi.StoredEntry;

/**
 * The governed runtime: one ledger, its authority, the tool registry, the policy engine, the
 * approval channels, the clock and entropy. It {@linkplain #open opens} runs bound to a writ
 * (X1.1) and {@linkplain #resume resumes} them from the ledger (X1.2); the {@link Run} does the
 * rest. Thread-safe; each run serialises its own submissions.
 *
 * <pre>{@code
 * Kernel kernel = Kernel.builder(ledger, authority, clock, entropy)
 *     .tools(registry).policies(engine)
 *     .channel(ApprovalChannel.of("ops", 2, List.of(ann, bob, cy)))
 *     .build();
 * Run run = kernel.open(writ.id(), "nightly export");
 * Outcome outcome = run.submit(intent);
 * }</pre>
 */
public final class Kernel {

  /** The default tool deadline: 30 seconds after the call starts (T1.3). */
  public static final long DEFAULT_TOOL_TIMEOUT_MS = 30_000;

  /** How deep branches of branches may nest (R7); deeper chains are refused as corrupt. */
  public static final int MAX_BRANCH_DEPTH = 256;

  final LedgerBackend ledger;
  final AuthorityLedger authority;
  final Clock clock;
  final Entropy entropy;
  final ToolRegistry tools;
  final PolicyEngine policies;
  final Redactor redactor;
  final Map<String, ApprovalChannel> channels;
  final Optional<Signer> runtimeSigner;
  final Optional<ChainSource> authorityView;
  final boolean irreversibleGate;
  final Optional<RiskClass> riskThreshold;
  final long toolTimeoutMs;
  final List<RunListener> listeners;
  final Optional<KeyStore> delegationKeys;
  final Coordination coordination;
  /** Subject keys the kernel generated for delegated children (09 D1), so they may delegate. */
  final Map<PublicKey, Signer> childKeys = new ConcurrentHashMap<>();

  private Kernel(Builder b) {
    this.ledger = b.ledger;
    this.authority = b.authority;
    this.clock = b.clock;
    this.entropy = b.entropy;
    this.tools = b.tools;
    this.policies = b.policies;
    this.redactor = b.redactor;
    this.channels = Map.copyOf(b.channels);
    this.runtimeSigner = b.runtimeSigner;
    this.authorityView = b.authorityView;
    this.irreversibleGate = b.irreversibleGate;
    this.riskThreshold = b.riskThreshold;
    this.toolTimeoutMs = b.toolTimeoutMs;
    this.listeners = List.copyOf(b.listeners);
    this.delegationKeys = b.delegationKeys;
    this.coordination = b.coordination;
  }

  /**
   * Starts a builder with what every runtime needs.
   *
   * @param ledger the ledger runs are recorded in
   * @param authority the authority trajectory of that ledger (W2)
   * @param clock the only source of time (I6)
   * @param entropy the only source of randomness: fresh trajectory ids (E2.6)
   */
  public static Builder builder(LedgerBackend ledger, AuthorityLedger authority, Clock clock,
      Entropy entropy) {
    return new Builder(ledger, authority, clock, entropy);
  }

  /** The authority this runtime compiles against. */
  public AuthorityLedger authority() {
    return authority;
  }

  /** The tool registry. */
  public ToolRegistry tools() {
    return tools;
  }

  /** The policy engine. */
  public PolicyEngine policies() {
    return policies;
  }

  /**
   * Opens a run (X1.1): a fresh random trajectory id (E2.6) whose {@code root} entry binds it to
   * {@code writId} (L3.2).
   *
   * @param writId a registered writ (W2.2) whose chain is valid now (W4)
   * @param note a note for the root entry (redacted, X8.1)
   * @throws RequestRefused {@code writ_already_bound} (L3.2) if a trajectory of this ledger is
   *     bound to the writ; {@code writ_not_usable} (X1.1) naming the authority reason if the writ
   *     is unknown, revoked, outside its window or its chain does not verify; nothing is appended
   * @throws LedgerException for a backend failure
   */
  public Run open(Hash32 writId, String note) {
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(note, "note");
    authority.refresh();
    long now = clock.nowMs();
    checkBindable(writId, now);
    Hash32 trajectoryId = Hash32.of(entropy.bytes(Hash32.LENGTH));
    Run run = new Run(this, new RunState(trajectoryId), writId);
    run.append(RootPayload.bound(writId, redactor.redactText(note).value()), now);
    run.publish(new RunEvent.RunOpened(trajectoryId, writId, false));
    return run;
  }

  /**
   * Opens a branch run (R7, 09 D6): an alternative trajectory whose {@code branch} entry at seq 0
   * binds it to {@code writId} (L3.2) and whose world starts as the world of {@code
   * sourceTrajectory} folded up to and including {@code sourceEntryId} (recursively when the
   * source is itself a branch). Its id is derived ({@link BranchPayload#trajectoryId()}, E2.6).
   * The source trajectory is only read, never appended to; the branch's spend and statistics
   * start at zero under its own writ.
   *
   * @param sourceTrajectory the trajectory branched from
   * @param sourceEntryId an entry of it: the branch point
   * @param writId a registered writ (W2.2) whose chain is valid now (W4), not bound yet
   * @param note a note for the branch entry (redacted, X8.1)
   * @throws RequestRefused {@code writ_not_usable} (X1.1), {@code writ_already_bound} (L3.2) as
   *     for {@link #open}; {@code unknown_source_entry} (R7) if {@code sourceTrajectory} holds no
   *     entry {@code sourceEntryId}; nothing is appended
   * @throws LedgerException for a backend failure
   */
  public Run branch(Hash32 sourceTrajectory, Hash32 sourceEntryId, Hash32 writId, String note) {
    Objects.requireNonNull(sourceTrajectory, "sourceTrajectory");
    Objects.requireNonNull(sourceEntryId, "sourceEntryId");
    Objects.requireNonNull(writId, "writId");
    Objects.requireNonNull(note, "note");
    authority.refresh();
    long now = clock.nowMs();
    checkBindable(writId, now);
    World base = sourceWorld(sourceTrajectory, sourceEntryId, 0).orElseThrow(() ->
        new RequestRefused("R7", "unknown_source_entry", sourceTrajectory.display("traj")
            + " holds no entry " + sourceEntryId.display("entry") + " to branch from"));
    BranchPayload payload = new BranchPayload(sourceTrajectory, sourceEntryId, writId,
        redactor.redactText(note).value());
    Hash32 trajectoryId = payload.trajectoryId();
    Run run = new Run(this, new RunState(trajectoryId, base), writId);
    run.append(payload, now);
    run.publish(new RunEvent.RunOpened(trajectoryId, writId, false));
    return run;
  }

  /** Refuses a writ that cannot bind a new trajectory now (X1.1, L3.2). */
  private void checkBindable(Hash32 writId, long now) {
    if (authority.verify(writId, now) instanceof Rejection r) {
      throw new RequestRefused("X1.1", "writ_not_usable", writId.display("writ") + " cannot bind a"
          + " run at " + now + " ms: " + r.reason().wire() + " (" + r.rule() + "): " + r.detail());
    }
    Optional<Hash32> bound = boundTrajectory(writId);
    if (bound.isPresent()) {
      throw new RequestRefused("L3.2", "writ_already_bound", writId.display("writ")
          + " already binds " + bound.get().display("traj") + "; a writ binds at most one run");
    }
  }

  /**
   * The world of {@code trajectory} folded up to and including {@code entryId} (R7), starting
   * from its own source world when it is a branch; empty if it holds no such entry.
   *
   * @throws LedgerCorrupted if a stored entry does not continue the chain or its delta does not
   *     apply, or a branch in the source chain names a source entry that does not exist
   */
  private Optional<World> sourceWorld(Hash32 trajectory, Hash32 entryId, int depth) {
    RunState state = new RunState(trajectory, baseWorld(trajectory, depth + 1));
    // The base is computed first: nested reads are never open at the same time.
    try (Stream<StoredEntry> entries = ledger.read(trajectory)) {
      Iterator<StoredEntry> it = entries.iterator();
      while (it.hasNext()) {
        Entry e = Entry.parse(it.next().canonicalBytes());
        state.apply(e);
        if (e.id().equals(entryId)) {
          return Optional.of(state.world());
        }
      }
    }
    return Optional.empty();
  }

  /** The world a trajectory starts from: empty, or for a branch its source world (R7, M5.3). */
  private World baseWorld(Hash32 trajectory, int depth) {
    if (depth > MAX_BRANCH_DEPTH) {
      throw new LedgerCorrupted(trajectory.display("traj") + ": branches nested deeper than "
          + MAX_BRANCH_DEPTH + " (R7)");
    }
    Optional<Entry> first;
    try (Stream<StoredEntry> one = ledger.read(trajectory, 0, 1)) {
      first = one.findFirst().map(s -> Entry.parse(s.canonicalBytes()));
    }
    if (first.isPresent() && first.get().payload() instanceof BranchPayload b) {
      return sourceWorld(b.sourceTrajectoryId(), b.sourceEntryId(), depth).orElseThrow(() ->
          new LedgerCorrupted(trajectory.display("traj") + " branches from "
              + b.sourceEntryId().display("entry") + ", which "
              + b.sourceTrajectoryId().display("traj") + " does not hold (R7)"));
    }
    return World.EMPTY;
  }

  /**
   * Resumes a run from the ledger (X1.2): folds every entry of the trajectory into its state, then
   * resolves what the ledger already decided but did not finish — a pending entry past its expiry
   * becomes an {@code approval_expired} rejection, a denied one an {@code approval_denied}
   * rejection, an approved one is re-checked and executed (X3.5) — and asks the tool of every
   * intent left in doubt whether its effect happened (X5.2); it never re-invokes one.
   *
   * @throws RequestRefused {@code unknown_trajectory} (X1.2) if the ledger has no such trajectory
   *     or it is not bound to a writ
   * @throws thymos.ledger.spi.LedgerCorrupted if a stored entry does not continue the chain or its
   *     delta does not apply, or (for a branch, R7) its source entry does not exist
   */
  public Run resume(Hash32 trajectoryId) {
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    RunState state = new RunState(trajectoryId, baseWorld(trajectoryId, 0));
    state.childUsage(this::usageOf);
    try (Stream<StoredEntry> entries = ledger.read(trajectoryId)) {
      entries.forEach(s -> state.apply(Entry.parse(s.canonicalBytes())));
    }
    if (state.boundWrit().isEmpty()) {
      throw new RequestRefused("X1.2", "unknown_trajectory", trajectoryId.display("traj")
          + (state.nextSeq() == 0 ? " has no entries in this ledger"
              : " is not bound to a writ (a system trajectory)"));
    }
    authority.refresh();
    Run run = new Run(this, state, state.boundWrit().get());
    run.publish(new RunEvent.RunOpened(trajectoryId, state.boundWrit().get(), true));
    run.finishRecorded();
    return run;
  }

  /** The trajectory whose root or branch entry binds {@code writId}, if any (L3.2). */
  private Optional<Hash32> boundTrajectory(Hash32 writId) {
    return boundBy(EntryKind.ROOT, writId).or(() -> boundBy(EntryKind.BRANCH, writId));
  }

  private Optional<Hash32> boundBy(EntryKind kind, Hash32 writId) {
    PageRequest<EntryQuery.Key> page = PageRequest.first(256);
    EntryQuery firsts = EntryQuery.all().ofKind(kind);
    while (true) {
      Page<StoredEntry> p = ledger.query(firsts, page);
      for (StoredEntry s : p.items()) {
        Optional<Hash32> binds = switch (Entry.parse(s.canonicalBytes()).payload()) {
          case RootPayload r -> r.writId();
          case BranchPayload b -> Optional.of(b.writId());
          default -> Optional.empty();
        };
        if (binds.equals(Optional.of(writId))) {
          return Optional.of(s.trajectoryId());
        }
      }
      if (!p.hasMore() || p.last().isEmpty()) {
        return Optional.empty();
      }
      page = PageRequest.after(EntryQuery.Key.of(p.last().get()), 256);
    }
  }

  /** Configures a {@link Kernel}. */
  public static final class Builder {
    private final LedgerBackend ledger;
    private final AuthorityLedger authority;
    private final Clock clock;
    private final Entropy entropy;
    private ToolRegistry tools = ToolRegistry.builder().build();
    private PolicyEngine policies = PolicyEngine.empty();
    private Redactor redactor = Redactor.defaults();
    private final Map<String, ApprovalChannel> channels = new LinkedHashMap<>();
    private Optional<Signer> runtimeSigner = Optional.empty();
    private Optional<ChainSource> authorityView = Optional.empty();
    private boolean irreversibleGate;
    private Optional<RiskClass> riskThreshold = Optional.empty();
    private long toolTimeoutMs = DEFAULT_TOOL_TIMEOUT_MS;
    private final List<RunListener> listeners = new ArrayList<>();
    private Optional<KeyStore> delegationKeys = Optional.empty();
    private Coordination coordination = Coordination.NONE;

    private Builder(LedgerBackend ledger, AuthorityLedger authority, Clock clock,
        Entropy entropy) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      this.authority = Objects.requireNonNull(authority, "authority");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.entropy = Objects.requireNonNull(entropy, "entropy");
    }

    /** The tools runs may call (default: none). */
    public Builder tools(ToolRegistry registry) {
      this.tools = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The policy engine (default: empty, which permits, P2). */
    public Builder policies(PolicyEngine engine) {
      this.policies = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The redactor applied before anything is hashed or written (X8; default detectors). */
    public Builder redactor(Redactor r) {
      this.redactor = Objects.requireNonNull(r, "redactor");
      return this;
    }

    /**
     * Adds an approval channel (X3.1).
     *
     * @throws ConfigurationException {@code THY-X301} for a second channel of one name
     */
    public Builder channel(ApprovalChannel channel) {
      Objects.requireNonNull(channel, "channel");
      if (channels.putIfAbsent(channel.name(), channel) != null) {
        throw new ConfigurationException("THY-X301", "X3.1", "approval channel "
            + channel.name() + " is configured twice", List.copyOf(channels.keySet()), null);
      }
      return this;
    }

    /** Signs every entry runs append with this runtime key (L1). */
    public Builder runtimeSigner(Signer signer) {
      this.runtimeSigner = Optional.of(signer);
      return this;
    }

    /**
     * Where compiles look up and verify writ chains (C2 stages 3–8). Default: the registered
     * writs of the authority ledger, whose signatures, anchoring and delegation were verified at
     * registration. A runtime whose writs come from elsewhere (say, replicated from a peer) gives
     * a view that verifies all of stages 4–8 itself.
     */
    public Builder authorityView(ChainSource view) {
      this.authorityView = Optional.of(view);
      return this;
    }

    /** Enables the irreversible gate (C2 stage 16). */
    public Builder irreversibleGate(boolean enabled) {
      this.irreversibleGate = enabled;
      return this;
    }

    /** Enables the risk gate at {@code threshold} (C2 stage 17). */
    public Builder riskThreshold(RiskClass threshold) {
      this.riskThreshold = Optional.of(threshold);
      return this;
    }

    /** How long a tool call may take before its deadline (T1.3; default 30 s). */
    public Builder toolTimeoutMs(long ms) {
      if (ms <= 0) {
        throw new IllegalArgumentException("tool timeout must be > 0 ms: " + ms);
      }
      this.toolTimeoutMs = ms;
      return this;
    }

    /** Adds a listener for run events (X11). */
    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Where the subject keys of bound writs are found, so their runs may delegate (W6, 09 §D1).
     * Without it, only children the kernel itself minted can delegate further.
     */
    public Builder delegationKeys(KeyStore keys) {
      this.delegationKeys = Optional.of(keys);
      return this;
    }

    /** The coordination policies checked for every delegation (09 §D5; default: none). */
    public Builder coordination(Coordination limits) {
      this.coordination = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The runtime. */
    public Kernel build() {
      return new Kernel(this);
    }
  }

  /**
   * Opens the child run of a {@code delegation} entry (09 §D3): its root binds the child writ and
   * records {@code delegated_from}; its world starts empty.
   */
  Run openChild(Hash32 childTrajectory, Hash32 childWrit, String task, EntryRef from, long now) {
    Run child = new Run(this, new RunState(childTrajectory), childWrit);
    child.append(RootPayload.delegated(childWrit, redactor.redactText(task).value(), from), now);
    child.publish(new RunEvent.RunOpened(childTrajectory, childWrit, false));
    return child;
  }

  /**
   * What a child trajectory used up to and including its entry {@code head}, the {@code
   * child_head} its parent's {@code delegation_result} records (09 D2): its spend plus the
   * reservations of its own still-open children. Reading only up to the recorded head keeps the
   * parent's fold a function of the parent's entries, whatever the child appends later.
   */
  Budget usageOf(Hash32 child, Hash32 head) {
    RunState s = new RunState(child);
    s.childUsage(this::usageOf);
    try (Stream<StoredEntry> entries = ledger.read(child)) {
      java.util.Iterator<StoredEntry> it = entries.iterator();
      while (it.hasNext()) {
        Entry e = Entry.parse(it.next().canonicalBytes());
        s.apply(e);
        if (e.id().equals(head)) {
          break;
        }
      }
    }
    return s.spent().plus(s.reserved());
  }

  /** Used by runs: the configured channel, if any. */
  Optional<ApprovalChannel> channel(String name) {
    return Optional.ofNullable(channels.get(name));
  }
}
