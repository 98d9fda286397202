package thymos.kernel.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.TrajectoryStats;

/**
 * Policy contexts for tests, built field by field. Policies do not verify signatures (the compiler
 * did, stages 3–8), so the writ carries a zero signature.
 */
final class Contexts {

  static final Hash32 TRAJECTORY = hash(1);

  String tenant = "acme";
  String tool = "kv_put";
  JsonObject args = JsonObject.EMPTY;
  Optional<Hash32> basedOn = Optional.empty();
  TrajectoryStats stats = TrajectoryStats.fresh(hash(2));
  World world = World.EMPTY;

  static Contexts context() {
    return new Contexts();
  }

  Contexts tenant(String t) {
    tenant = t;
    return this;
  }

  Contexts tool(String t) {
    tool = t;
    return this;
  }

  Contexts args(String json) {
    args = (JsonObject) Json.parse(json);
    return this;
  }

  Contexts basedOn(Hash32 id) {
    basedOn = Optional.of(id);
    return this;
  }

  Contexts world(World w) {
    world = w;
    return this;
  }

  Contexts stats(TrajectoryStats s) {
    stats = s;
    return this;
  }

  PolicyContext build() {
    IntentBody body = new IntentBody(TRAJECTORY, IntentKind.ACT, tool, args, "scripted",
        Optional.empty(), basedOn, Nonce.of(new byte[Nonce.LENGTH]));
    return new PolicyContext(Intent.of(body), List.of(writ(tenant)), world,
        new PolicyContext.ProposalDraft(tool, "1.0.0", EffectClass.WRITE, RiskClass.LOW, args,
            new Budget(0, 1, 0, 0)),
        stats);
  }

  static Writ writ(String tenant) {
    PublicKey key = PublicKey.of(new byte[PublicKey.LENGTH]);
    WritBody body = new WritBody("issuer", key, "subject", key, Optional.empty(), tenant,
        List.of("*"), new Budget(1000, 100, 60_000, 500_000), Ceiling.ALL, 0, 10_000,
        new DelegationLimits(3, true), Nonce.of(new byte[Nonce.LENGTH]));
    return new Writ(Ids.id(DocType.WRIT, body.toJson()), body,
        Signature.of(new byte[Signature.LENGTH]));
  }

  /** A distinct, deterministic hash per {@code n}. */
  static Hash32 hash(int n) {
    byte[] b = new byte[Hash32.LENGTH];
    Arrays.fill(b, (byte) n);
    return Hash32.of(b);
  }

  /** Stats with {@code commits} commits spread as given, head at {@code headSeq}. */
  static TrajectoryStats stats(long commits, Map<String, Long> toolCalls, long headSeq,
      Map<Hash32, Long> seqs) {
    return new TrajectoryStats(commits, toolCalls, headSeq, hash(99),
        TrajectoryStats.EntryIndex.of(seqs));
  }
}
