package thymos.kernel.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.model.DelegationPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryRef;
import thymos.api.model.Intent;
import thymos.api.model.RoutingEvidence;
import thymos.api.model.Writ;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;
import thymos.kernel.authority.DelegateRequest;
import thymos.kernel.authority.Registration;
import thymos.kernel.authority.Rejection;
import thymos.kernel.authority.WritIssuance;
import thymos.kernel.compiler.CompileResult;
import thymos.kernel.compiler.DelegateCompiler;

/**
 * Delegation as runtime structure (09 §D1–D3): a {@code delegate} intent is compiled ({@link
 * DelegateCompiler}); when staged, the kernel mints a child writ signed by the parent writ's
 * subject key (reached through the key SPI, W6) with a fresh subject key for the child (from the
 * entropy SPI), registers it (the authority code enforces W3: a request for more than the parent
 * holds is refused and recorded as a {@code rejection} with reason {@code invalid_delegation}),
 * appends a {@code delegation} entry that reserves the child's budget (D2) and opens the child
 * trajectory, whose root records {@code delegated_from} (D3).
 *
 * <p>The child trajectory id is {@code id("trajectory", {parent: <trajectory>, delegation:
 * <intent id>})}: the intent id stands for the delegation because the entry id cannot be known
 * before the entry, which names the child (see docs/decisions.md). Submitting the same intent
 * again returns the same child (X4).
 */
public final class Delegation {

  private Delegation() {}

  /** What a {@code delegate} intent led to. */
  public sealed interface Result permits Delegated, Refused {}

  /**
   * A child was started (or had been, for a repeated intent).
   *
   * @param entry the {@code delegation} entry in the parent trajectory
   * @param child the child run
   */
  public record Delegated(Entry entry, Run child) implements Result {}

  /**
   * The intent was rejected; the outcome is recorded in the parent trajectory.
   *
   * @param outcome the recorded outcome
   */
  public record Refused(Outcome outcome) implements Result {}

  /** The child trajectory id for the delegate intent {@code intentId} of {@code parent} (D3). */
  public static Hash32 childTrajectoryId(Hash32 parent, Hash32 intentId) {
    return Ids.id(DocType.TRAJECTORY, Json.object(Map.of("parent", parent.toJson(),
        "delegation", intentId.toJson())));
  }

  /**
   * Runs a {@code delegate} intent in {@code run}. Routing evidence is recorded with a rejection;
   * a {@code delegation} entry has no member for it (L4).
   *
   * @throws thymos.api.AuthorityException {@code subject_key_unavailable} (W6) if no signer is
   *     available for the bound writ's subject key; nothing is recorded
   */
  static Result delegate(Run run, Intent intent, Optional<RoutingEvidence> evidence, long now) {
    Kernel k = run.kernel();
    Hash32 childTrajectory = childTrajectoryId(run.trajectoryId(), intent.id());
    CompileResult compiled = DelegateCompiler.compile(intent, run.writId(),
        run.compileContext(now));
    Optional<Hash32> existing = run.state().delegationOf(childTrajectory);
    if (existing.isPresent()) {
      return new Delegated(entry(run, existing.get()), k.resume(childTrajectory));
    }
    Optional<Outcome> recorded = run.outcome(intent.id());
    if (recorded.isPresent()) {
      return new Refused(recorded.get());
    }
    if (compiled instanceof CompileResult.Rejected r) {
      return new Refused(run.reject(intent, r, evidence, now));
    }
    DelegateRequest request = DelegateRequest.fromJson(intent.body().args(), "/body/args");
    Writ parent = k.authority.writ(run.writId()).orElseThrow();
    Signer childKey = childKey(k, childTrajectory);
    String subject = parent.body().subject() + "/" + intent.id().hex().substring(0, 8);
    Writ child = WritIssuance.issueChild(parent,
        request.termsUnder(parent, subject, childKey.publicKey()), keys(k), k.entropy);
    Optional<thymos.api.model.RejectionReason> breach =
        k.coordination.check(k, run, child.body());
    if (breach.isPresent()) {
      return new Refused(run.reject(intent, new CompileResult.Rejected(breach.get(),
          k.policies.policySet(), Optional.empty()), evidence, now));
    }
    Registration registration = k.authority.register(child).outcome();
    if (registration instanceof Rejection rej) {
      return new Refused(run.reject(intent, new CompileResult.Rejected(
          DelegateCompiler.refusedChild(rej),
          k.policies.policySet(), Optional.empty()), evidence, now));
    }
    k.childKeys.putIfAbsent(childKey.publicKey(), childKey);
    Entry e = run.append(new DelegationPayload(childTrajectory, child.id(), request.task(),
        request.reservedUnder(parent)), now);
    Run childRun = k.openChild(childTrajectory, child.id(), request.task(),
        new EntryRef(run.trajectoryId(), e.id()), now);
    return new Delegated(e, childRun);
  }

  private static Entry entry(Run run, Hash32 id) {
    return run.entry(id);
  }

  /**
   * The child's fresh subject key (D1, W6): minted by the configured key SPI under {@code
   * child-<first 16 hex of the child trajectory>} when it can mint keys (the key then outlives
   * this process), reused if a crashed earlier attempt minted it already, else generated from the
   * entropy SPI and kept in memory.
   */
  private static Signer childKey(Kernel k, Hash32 childTrajectory) {
    String alias = "child-" + childTrajectory.hex().substring(0, 16);
    Optional<Signer> stored = k.delegationKeys.flatMap(ks -> ks.findByAlias(alias)
        .or(() -> ks.mint(alias, k.entropy)));
    return stored.orElseGet(() -> Ed25519Signer.generate(k.entropy));
  }

  /** The configured key SPI, then the keys the kernel minted for children. */
  private static KeyStore keys(Kernel k) {
    return new KeyStore() {
      @Override
      public Optional<Signer> find(PublicKey key) {
        Optional<Signer> s = k.delegationKeys.flatMap(ks -> ks.find(key));
        return s.isPresent() ? s : Optional.ofNullable(k.childKeys.get(key));
      }

      @Override
      public Optional<Signer> findByAlias(String alias) {
        return k.delegationKeys.flatMap(ks -> ks.findByAlias(alias));
      }

      @Override
      public List<String> aliases() {
        return k.delegationKeys.map(KeyStore::aliases).orElse(List.of());
      }

      @Override
      public List<PublicKey> publicKeys() {
        return k.delegationKeys.map(KeyStore::publicKeys).orElse(List.of());
      }
    };
  }
}
