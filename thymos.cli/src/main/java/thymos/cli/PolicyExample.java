package thymos.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;
import thymos.api.spi.PolicyContext;
import thymos.api.spi.TrajectoryStats;

/**
 * An example input of {@code thymos policy check} (P6.7), read strictly (E1.5): everything a
 * bundle's fields (P6.3) can see, every member but {@code tool} optional.
 *
 * <pre>{@code
 * { "tool": "payments.send", "kind": "act", "author": "example", "args": {"amount": 5000},
 *   "writ": {"tenant": "acme", "subject": "alice", "issuer": "anchor"},
 *   "proposal": {"effect": "external", "risk": "high",
 *                "estimate": {"tokens": 0, "tool_calls": 1, "wall_clock_ms": 0,
 *                             "usd_millicents": 500000}},
 *   "world": [{"kind": "account", "id": "a1", "value": {"balance": 70}, "version": 3}],
 *   "trajectory": {"commits": 2, "tool_calls": {"payments.send": 1}} }
 * }</pre>
 *
 * <p>Defaults: kind {@code act}, author {@code example}, args {@code {}}, writ {@code {tenant:
 * "system", subject: "subject", issuer: "issuer"}}, effect {@code write}, risk {@code low},
 * estimate zero, world empty, version 1, no commits. {@code writ.id} is the id of the synthetic
 * writ (all-zero keys), so a rule on it is checked against real writs only.
 */
final class PolicyExample {

  private static final Hash32 ZERO = Hash32.of(new byte[Hash32.LENGTH]);

  private PolicyExample() {}

  /** The policy context described by {@code json}. */
  static PolicyContext read(Json json) {
    StrictObject o = StrictObject.of(json, "");
    String tool = o.string("tool");
    IntentKind kind = o.optRead("kind", IntentKind::fromJson).orElse(IntentKind.ACT);
    String author = o.optString("author").orElse("example");
    JsonObject args = o.has("args") ? o.object("args") : JsonObject.EMPTY;
    Writ writ = writ(o.has("writ") ? o.nested("writ") : null);
    EffectClass effect = EffectClass.WRITE;
    RiskClass risk = RiskClass.LOW;
    Budget estimate = Budget.ZERO;
    if (o.has("proposal")) {
      StrictObject p = o.nested("proposal");
      effect = p.optRead("effect", EffectClass::fromJson).orElse(effect);
      risk = p.optRead("risk", RiskClass::fromJson).orElse(risk);
      estimate = p.optRead("estimate", Budget::fromJson).orElse(estimate);
      p.end();
    }
    World world = o.has("world") ? world(o.array("world"), o.pointer("world")) : World.EMPTY;
    TrajectoryStats stats = TrajectoryStats.fresh(ZERO);
    if (o.has("trajectory")) {
      StrictObject t = o.nested("trajectory");
      long commits = t.optNonNegative("commits").orElse(0L);
      Map<String, Long> calls = new HashMap<>();
      if (t.has("tool_calls")) {
        StrictObject c = t.nested("tool_calls");
        for (String name : c.json().members().keySet()) {
          calls.put(name, StrictObject.asNonNegative(c.value(name), c.pointer(name)));
        }
        c.end();
      }
      t.end();
      stats = new TrajectoryStats(commits, calls, commits, ZERO,
          TrajectoryStats.EntryIndex.of(Map.of(ZERO, 0L)));
    }
    o.end();
    IntentBody body = new IntentBody(ZERO, kind, tool, args, author, Optional.empty(),
        Optional.empty(), Nonce.of(new byte[Nonce.LENGTH]));
    return new PolicyContext(Intent.of(body), List.of(writ), world,
        new PolicyContext.ProposalDraft(tool, "0", effect, risk, args, estimate), stats);
  }

  private static Writ writ(StrictObject w) {
    String tenant = "system";
    String subject = "subject";
    String issuer = "issuer";
    if (w != null) {
      tenant = w.optString("tenant").orElse(tenant);
      subject = w.optString("subject").orElse(subject);
      issuer = w.optString("issuer").orElse(issuer);
      w.end();
    }
    PublicKey key = PublicKey.of(new byte[PublicKey.LENGTH]);
    WritBody body = new WritBody(issuer, key, subject, key, Optional.empty(), tenant,
        List.of("*"), Budget.ZERO, Ceiling.ALL, 0, 0, new DelegationLimits(0, false),
        Nonce.of(new byte[Nonce.LENGTH]));
    return new Writ(Ids.id(DocType.WRIT, body.toJson()), body,
        Signature.of(new byte[Signature.LENGTH]));
  }

  private static World world(JsonArray array, String pointer) {
    Map<ResourceKey, ResourceState> resources = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      StrictObject r = StrictObject.of(array.get(i), StrictObject.child(pointer, i));
      ResourceKey key = new ResourceKey(r.string("kind"), r.string("id"));
      Json value = r.value("value");
      long version = r.optNonNegative("version").orElse(1L);
      if (version < 1) {
        throw new thymos.api.ProtocolViolation("M5", r.pointer("version"),
            "a resource version is >= 1");
      }
      r.end();
      resources.put(key, new ResourceState(version, value, false, ZERO));
    }
    return World.of(resources);
  }
}
