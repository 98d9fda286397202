package thymos.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
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
import thymos.api.model.Decision;
import thymos.api.model.DelegationLimits;
import thymos.api.model.EffectClass;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.model.RiskClass;
import thymos.api.model.World;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/** The policy SPI's value types (P1): what a policy sees, immutably. */
class PolicyContextTest {

  private static final Hash32 ROOT = Hash32.of(filled(3));

  @Test
  void required_P1_contextExposesTheLeafWritAndItsTenant() {
    Writ root = writ("acme", Optional.empty());
    Writ leaf = writ("acme", Optional.of(root.id()));
    PolicyContext c = context(List.of(root, leaf), TrajectoryStats.fresh(ROOT));
    assertEquals(leaf, c.leaf());
    assertEquals("acme", c.tenant());
  }

  @Test
  void required_P1_contextRefusesAnEmptyChainAndCopiesIt() {
    assertThrows(IllegalArgumentException.class,
        () -> context(List.of(), TrajectoryStats.fresh(ROOT)));
    List<Writ> chain = new java.util.ArrayList<>(List.of(writ("acme", Optional.empty())));
    PolicyContext c = context(chain, TrajectoryStats.fresh(ROOT));
    chain.clear();
    assertEquals(1, c.chain().size());
  }

  @Test
  void required_P1_statsCountToolCallsAndDefaultToZero() {
    Map<String, Long> calls = new HashMap<>(Map.of("kv_put", 2L));
    TrajectoryStats s = new TrajectoryStats(2, calls, 4, ROOT,
        TrajectoryStats.EntryIndex.of(Map.of(ROOT, 0L)));
    calls.put("kv_put", 9L); // the stats keep their own copy
    assertEquals(2, s.toolCalls("kv_put"));
    assertEquals(0, s.toolCalls("kv_get"));
    assertEquals(OptionalLong.of(0), s.seqOf(ROOT));
    assertEquals(OptionalLong.empty(), s.seqOf(Hash32.of(filled(4))));
  }

  @Test
  void required_P1_freshStatsHoldOnlyTheRootEntry() {
    TrajectoryStats s = TrajectoryStats.fresh(ROOT);
    assertEquals(0, s.commits());
    assertEquals(0, s.headSeq());
    assertEquals(ROOT, s.headId());
    assertEquals(OptionalLong.of(0), s.seqOf(ROOT));
  }

  @Test
  void statsRefuseNegativeCounts() {
    TrajectoryStats.EntryIndex none = id -> OptionalLong.empty();
    assertThrows(IllegalArgumentException.class,
        () -> new TrajectoryStats(-1, Map.of(), 0, ROOT, none));
    assertThrows(IllegalArgumentException.class,
        () -> new TrajectoryStats(0, Map.of(), -1, ROOT, none));
    assertThrows(IllegalArgumentException.class,
        () -> new TrajectoryStats(0, Map.of("x", -1L), 0, ROOT, none));
  }

  @Test
  void required_P3_defaultRulingNamesNoRule() {
    Policy p = new Policy() {
      @Override
      public String name() {
        return "p";
      }

      @Override
      public String version() {
        return "1";
      }

      @Override
      public JsonObject content() {
        return JsonObject.EMPTY;
      }

      @Override
      public Decision evaluate(PolicyContext context) {
        return new Decision.Deny("no");
      }
    };
    PolicyContext c = context(List.of(writ("acme", Optional.empty())), TrajectoryStats.fresh(ROOT));
    assertEquals(new Policy.Ruling(new Decision.Deny("no"), Optional.empty()), p.ruling(c));
  }

  private static PolicyContext context(List<Writ> chain, TrajectoryStats stats) {
    JsonObject args = (JsonObject) Json.parse("{\"k\":\"v\"}");
    IntentBody body = new IntentBody(Hash32.of(filled(1)), IntentKind.ACT, "kv_put", args,
        "scripted", Optional.empty(), Optional.empty(), Nonce.of(new byte[Nonce.LENGTH]));
    return new PolicyContext(Intent.of(body), chain, World.EMPTY,
        new PolicyContext.ProposalDraft("kv_put", "1", EffectClass.WRITE, RiskClass.LOW, args,
            Budget.ZERO),
        stats);
  }

  private static Writ writ(String tenant, Optional<Hash32> parent) {
    PublicKey key = PublicKey.of(new byte[PublicKey.LENGTH]);
    WritBody body = new WritBody("i", key, "s", key, parent, tenant, List.of("*"),
        new Budget(10, 10, 10, 10), Ceiling.ALL, 0, 10, new DelegationLimits(2, true),
        Nonce.of(new byte[Nonce.LENGTH]));
    return new Writ(Ids.id(DocType.WRIT, body.toJson()), body,
        Signature.of(new byte[Signature.LENGTH]));
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[Hash32.LENGTH];
    java.util.Arrays.fill(out, (byte) b);
    return out;
  }
}
