package thymos.kernel.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.model.Ceiling;
import thymos.api.model.Intent;
import thymos.api.model.RevocationPayload;
import thymos.kernel.policy.PolicyBundle;

/**
 * A bundle can only narrow authority (C2.1, stage 15 after stages 3–11): an intent the
 * authority stages reject stays rejected, with the same kind, whatever a bundle decides — even a
 * bundle whose every rule and default permits. Driven through the real compiler with signed writs.
 */
class BundleAuthorityProperties {

  /** One way to break authority, and the rejection kind it must give. */
  enum Break {
    UNBOUND_WRIT("writ_not_bound"),
    REVOKED("revoked"),
    TOO_EARLY("outside_window"),
    TOO_LATE("outside_window"),
    OUT_OF_SCOPE("out_of_scope"),
    UNKNOWN_TOOL("unknown_tool"),
    EFFECT_NOT_GRANTED("effect_not_granted");

    final String kind;

    Break(String kind) {
      this.kind = kind;
    }

    /** Applies the break to {@code f}; returns the intent to compile. */
    Intent apply(CompilerFixture f) {
      String tool = "kv_put";
      switch (this) {
        case UNBOUND_WRIT -> f.writ = f.draft(d -> { });
        case REVOKED -> f.state.revoke(RevocationPayload.sign(f.writ.id(), "gone", f.anchor));
        case TOO_EARLY -> f.nowMs = 999;
        case TOO_LATE -> f.nowMs = 10_001;
        case OUT_OF_SCOPE -> f.writ = f.register(d -> d.scopes = List.of("fs_*"));
        case UNKNOWN_TOOL -> tool = "kv_missing";
        case EFFECT_NOT_GRANTED ->
            f.writ = f.register(d -> d.ceiling = new Ceiling(true, false, true, true));
      }
      return f.intent(tool, "{\"n\":1}");
    }
  }

  private static final List<String> LEAVES = List.of(
      "{\"field\":\"intent.tool\",\"op\":\"glob\",\"value\":\"*\"}",
      "{\"field\":\"intent.args.n\",\"op\":\"exists\",\"value\":true}",
      "{\"field\":\"intent.args.n\",\"op\":\"eq\",\"value\":\"one\"}",
      "{\"field\":\"writ.tenant\",\"op\":\"eq\",\"value\":\"system\"}",
      "{\"field\":\"proposal.effect\",\"op\":\"in\",\"value\":[\"write\",\"read\"]}",
      "{\"all\":[]}", "{\"any\":[]}");

  private static final List<String> DECISIONS = List.of("{\"kind\":\"permit\"}",
      "{\"kind\":\"permit\"}", "{\"kind\":\"deny\",\"reason\":\"no\"}",
      "{\"kind\":\"require_approval\",\"channel\":\"ops\",\"reason\":\"ask\"}");

  @Provide
  Arbitrary<String> bundles() {
    Arbitrary<String> rule = Combinators.combine(Arbitraries.of(LEAVES), Arbitraries.of(DECISIONS))
        .as((when, decision) -> "\"when\":" + when + ",\"decision\":" + decision + "}");
    return Combinators.combine(rule.list().ofMaxSize(4), Arbitraries.of("permit", "deny"))
        .as((rules, fallback) -> {
          List<String> named = new ArrayList<>();
          for (int i = 0; i < rules.size(); i++) {
            named.add("{\"name\":\"r" + i + "\"," + rules.get(i));
          }
          return "{\"name\":\"b\",\"version\":\"1\",\"default\":\"" + fallback + "\",\"rules\":["
              + String.join(",", named) + "]}";
        });
  }

  @Property(tries = 120)
  void required_C2_1_anIntentRejectedByAuthorityStaysRejectedWhateverTheBundle(
      @ForAll Break broken, @ForAll("bundles") String bundle) {
    CompilerFixture f = new CompilerFixture();
    f.policies.add(PolicyBundle.parse(bundle));
    Intent intent = broken.apply(f);
    CompileResult.Rejected r = assertInstanceOf(CompileResult.Rejected.class, f.compile(intent));
    assertEquals(broken.kind, r.kind(), r.reason().message());
    assertEquals(0, f.put.consulted(), "the tool is not consulted after " + broken.kind);
  }

  @Example
  void required_C2_1_evenABundleThatPermitsEverythingCannotGrant() {
    String permitAll = "{\"name\":\"open\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"all\",\"when\":{\"all\":[]},\"decision\":{\"kind\":\"permit\"}}]}";
    for (Break broken : Break.values()) {
      CompilerFixture f = new CompilerFixture();
      f.policies.add(PolicyBundle.parse(permitAll));
      Intent intent = broken.apply(f);
      assertEquals(broken.kind, assertInstanceOf(CompileResult.Rejected.class,
          f.compile(intent)).kind());
    }
    // and the same bundle lets an authorised intent through: the property is not vacuous
    CompilerFixture f = new CompilerFixture();
    f.policies.add(PolicyBundle.parse(permitAll));
    assertInstanceOf(CompileResult.Staged.class, f.compile(f.intent("kv_put", "{\"n\":1}")));
  }

  @Example
  void required_C2_15_aBundleDenialIsAPolicyDeniedNamingTheRule() {
    CompilerFixture f = new CompilerFixture();
    f.policies.add(PolicyBundle.parse("{\"name\":\"b\",\"version\":\"1\",\"default\":\"permit\","
        + "\"rules\":[{\"name\":\"big\",\"when\":{\"field\":\"intent.args.n\",\"op\":\"gt\","
        + "\"value\":5},\"decision\":{\"kind\":\"deny\",\"reason\":\"too big\"}}]}"));
    CompileResult.Rejected r = assertInstanceOf(CompileResult.Rejected.class,
        f.compile(f.intent("kv_put", "{\"n\":6}")));
    assertEquals("policy_denied", r.kind());
    assertEquals("big", r.policyTrace().orElseThrow().evaluated().getFirst().rule().orElseThrow());
    assertInstanceOf(CompileResult.Staged.class, f.compile(f.intent("kv_put", "{\"n\":5}")));
  }
}
