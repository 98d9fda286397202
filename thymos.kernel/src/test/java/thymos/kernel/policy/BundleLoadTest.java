package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.policy.PolicyProviders.Selection;

/**
 * Loading fails closed (P6.5, P6.6): every bad bundle is a typed load error naming the JSON
 * pointer of what is wrong, and nothing is used.
 */
class BundleLoadTest {

  static final String GOOD = """
      {"name":"spend","version":"1","default":"deny","rules":[
        {"name":"small","when":{"field":"intent.args.amount","op":"lte","value":100},
         "decision":{"kind":"permit"}}]}""";

  private static final SeededEntropy ENTROPY = new SeededEntropy(11);
  private static final Ed25519Signer ISSUER = Ed25519Signer.generate(ENTROPY);
  private static final Ed25519Signer OTHER = Ed25519Signer.generate(ENTROPY);

  static ProtocolViolation refused(String text, String code, String pointer) {
    ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> PolicyBundle.parse(text));
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(pointer, e.pointer(), e.getMessage());
    assertTrue(e.getMessage().contains("at " + (pointer.isEmpty() ? "/" : pointer) + ": "),
        e.getMessage());
    return e;
  }

  static String withRule(String when) {
    return "{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"r\",\"when\":" + when + ",\"decision\":{\"kind\":\"permit\"}}]}";
  }

  @Test
  void aGoodBundleLoads() {
    PolicyBundle b = PolicyBundle.parse(GOOD);
    assertEquals("spend", b.name());
    assertEquals("1", b.version());
    assertEquals(List.of("small"), b.ruleNames());
    assertTrue(b.defaultDecision() instanceof Decision.Deny);
    assertEquals(PolicyEngine.policyId(Json.parse(GOOD)), b.id());
  }

  @Test
  void theExampleBundleOfTheDocsLoadsAndDecides() throws java.io.IOException {
    String doc = java.nio.file.Files.readString(java.nio.file.Path.of(
        "../docs/policy-language.md"));
    int start = doc.indexOf("```json\n") + "```json\n".length();
    PolicyBundle b = PolicyBundle.parse(doc.substring(start, doc.indexOf("```", start)));
    assertEquals(List.of("reads-are-fine", "small-puts", "other-tenants", "big-puts"),
        b.ruleNames());
    var big = b.ruling(Contexts.context().args("{\"value\":5000}").tenant("acme").build());
    assertEquals("big-puts", big.rule().orElseThrow());
    var other = b.ruling(Contexts.context().args("{\"value\":5000}").tenant("zeta").build());
    assertEquals(new Decision.Deny("tenant not onboarded"), other.decision());
  }

  @Test
  void required_P6_2_unknownOpIsALoadErrorAtItsPointer() {
    ProtocolViolation e = refused(withRule("{\"all\":[{\"field\":\"intent.tool\",\"op\":\"matches\","
        + "\"value\":\"x.*\"}]}"), "THY-P602", "/rules/0/when/all/0/op");
    assertTrue(e.getMessage().contains("unknown op \"matches\""), e.getMessage());
  }

  @Test
  void required_P6_3_unknownFieldPathIsALoadError() {
    refused(withRule("{\"field\":\"intent.secret\",\"op\":\"eq\",\"value\":1}"), "THY-P603",
        "/rules/0/when/field");
    refused(withRule("{\"not\":{\"field\":\"proposal.estimate.gold\",\"op\":\"eq\",\"value\":1}}"),
        "THY-P603", "/rules/0/when/not/field");
    refused(withRule("{\"field\":\"intent.args\",\"op\":\"exists\",\"value\":true}"), "THY-P603",
        "/rules/0/when/field");
    refused(withRule("{\"field\":\"intent.args.a..b\",\"op\":\"exists\",\"value\":true}"),
        "THY-P603", "/rules/0/when/field");
    refused(withRule("{\"field\":\"intent.args.a[01]\",\"op\":\"exists\",\"value\":true}"),
        "THY-P603", "/rules/0/when/field");
    refused(withRule("{\"field\":\"world.file\",\"op\":\"exists\",\"value\":true}"), "THY-P603",
        "/rules/0/when/field");
    refused(withRule("{\"field\":\"trajectory.tool_calls.Bad Tool\",\"op\":\"eq\",\"value\":1}"),
        "THY-P603", "/rules/0/when/field");
  }

  @Test
  void required_P6_5_aFractionComparedWithAnIntegerFieldIsALoadError() {
    ProtocolViolation e = refused(withRule("{\"field\":\"trajectory.commits\",\"op\":\"eq\","
        + "\"value\":2.5}"), "THY-P605", "/rules/0/when/value");
    assertTrue(e.getMessage().contains("no floating point"), e.getMessage());
    refused(withRule("{\"field\":\"proposal.estimate.tokens\",\"op\":\"in\",\"value\":[1,0.5]}"),
        "THY-P605", "/rules/0/when/value/1");
    // ordering a fraction is never possible, whatever the field
    refused(withRule("{\"field\":\"intent.args.x\",\"op\":\"lt\",\"value\":0.1}"), "THY-P605",
        "/rules/0/when/value");
  }

  @Test
  void required_P6_2_aLiteralTheOpOrTypedFieldCannotTakeIsALoadError() {
    refused(withRule("{\"field\":\"intent.tool\",\"op\":\"eq\",\"value\":5}"), "THY-P602",
        "/rules/0/when/value");
    refused(withRule("{\"field\":\"intent.tool\",\"op\":\"exists\",\"value\":\"yes\"}"),
        "THY-P602", "/rules/0/when/value");
    refused(withRule("{\"field\":\"intent.tool\",\"op\":\"in\",\"value\":\"kv_put\"}"),
        "THY-P602", "/rules/0/when/value");
    refused(withRule("{\"field\":\"intent.args.p\",\"op\":\"glob\",\"value\":1}"), "THY-P602",
        "/rules/0/when/value");
    refused(withRule("{\"field\":\"trajectory.commits\",\"op\":\"contains\",\"value\":1}"),
        "THY-P602", "/rules/0/when/value");
  }

  @Test
  void required_P6_5_aMissingDefaultIsALoadError() {
    ProtocolViolation e = refused("{\"name\":\"t\",\"version\":\"1\",\"rules\":[]}", "THY-P605",
        "/default");
    assertTrue(e.getMessage().contains("missing required member \"default\""), e.getMessage());
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"maybe\",\"rules\":[]}", "THY-P604",
        "/default");
  }

  @Test
  void required_P6_5_aRuleWithoutWhenIsALoadError() {
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"r\",\"decision\":{\"kind\":\"permit\"}}]}", "THY-P605", "/rules/0/when");
  }

  @Test
  void required_P6_5_unknownMembersDecisionKindsAndConditionShapes() {
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":[],"
        + "\"priority\":1}", "THY-P605", "/priority");
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"r\",\"when\":{\"all\":[]},\"decision\":{\"kind\":\"allow\"}}]}",
        "THY-P605", "/rules/0/decision/kind");
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"r\",\"when\":{\"all\":[]},\"decision\":{\"kind\":\"deny\"}}]}",
        "THY-P605", "/rules/0/decision/reason");
    refused(withRule("{\"xor\":[]}"), "THY-P601", "/rules/0/when");
    refused(withRule("{\"all\":[],\"any\":[]}"), "THY-P605", "/rules/0/when/any");
    refused(withRule("{\"field\":\"intent.tool\",\"op\":\"eq\",\"value\":\"a\",\"x\":1}"),
        "THY-P605", "/rules/0/when/x");
    refused(withRule("{\"field\":\"intent.tool\",\"op\":\"exists\"}"), "THY-P605",
        "/rules/0/when/value");
    refused("{\"name\":\"t\",\"version\":\"1\",\"default\":\"permit\",\"rules\":["
        + "{\"name\":\"r\",\"when\":{\"all\":[]},\"decision\":{\"kind\":\"permit\"}},"
        + "{\"name\":\"r\",\"when\":{\"all\":[]},\"decision\":{\"kind\":\"permit\"}}]}",
        "THY-P605", "/rules/1/name");
  }

  @Test
  void required_P6_1_conditionsBuiltDeeperThanTextCouldBeAreRefused() {
    Json when = Json.parse("{\"all\":[]}");
    for (int i = 0; i < 70; i++) {
      when = Json.object(Map.of("not", when));
    }
    Json bundle = Json.object(Map.of("name", Json.string("t"), "version", Json.string("1"),
        "default", Json.string("permit"), "rules", Json.array(List.of(Json.object(Map.of(
            "name", Json.string("r"), "when", when, "decision",
            Json.parse("{\"kind\":\"permit\"}")))))));
    ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> PolicyBundle.parse(bundle));
    assertEquals("THY-P601", e.code(), e.getMessage());
    assertTrue(e.pointer().startsWith("/rules/0/when/not/not/"), e.pointer());
  }

  @Test
  void required_P6_5_malformedJsonIsALoadError() {
    ProtocolViolation e = assertThrows(ProtocolViolation.class,
        () -> PolicyBundle.parse("{\"name\":\"t\",\"name\":\"u\"}"));
    assertEquals("THY-P605", e.code(), e.getMessage());
    assertEquals("/name", e.pointer(), e.getMessage());
    assertEquals("THY-P605", assertThrows(ProtocolViolation.class,
        () -> PolicyBundle.parse("{\"name\":")).code());
  }

  @Test
  void required_P6_6_aSignedBundleFromAPinnedIssuerLoads() {
    JsonObject signed = PolicyBundles.sign((JsonObject) Json.parse(GOOD), ISSUER);
    PolicyBundle b = PolicyBundles.load(signed, IssuerPins.of(ISSUER.publicKey()));
    assertEquals(PolicyBundle.parse(GOOD), b);
    assertEquals(PolicyBundle.parse(GOOD).id(), b.id(), "the id does not depend on the signer");
    assertEquals(b, PolicyBundles.load(signed, IssuerPins.unpinned()));
  }

  @Test
  void required_P6_6_aTamperedSignedBundleIsRefused() {
    JsonObject signed = PolicyBundles.sign((JsonObject) Json.parse(GOOD), ISSUER);
    JsonObject tampered = (JsonObject) Json.parse(signed.canonicalString()
        .replace("\"value\":100", "\"value\":1000000"));
    for (IssuerPins pins : List.of(IssuerPins.of(ISSUER.publicKey()), IssuerPins.unpinned())) {
      ProtocolViolation e = assertThrows(ProtocolViolation.class,
          () -> PolicyBundles.load(tampered, pins));
      assertEquals("THY-P606", e.code(), e.getMessage());
      assertEquals("/signature", e.pointer());
    }
  }

  @Test
  void required_P6_6_aBundleSignedByAnUnpinnedKeyIsRefused() {
    JsonObject signed = PolicyBundles.sign((JsonObject) Json.parse(GOOD), OTHER);
    ProtocolViolation e = assertThrows(ProtocolViolation.class,
        () -> PolicyBundles.load(signed, IssuerPins.of(ISSUER.publicKey())));
    assertEquals("THY-P606", e.code(), e.getMessage());
    assertEquals("/issuer_key", e.pointer());
    assertTrue(e.getMessage().contains(OTHER.publicKey().hex()), e.getMessage());
    // a signature made by one key presented under another does not verify either
    JsonObject swapped = (JsonObject) Json.parse(signed.canonicalString()
        .replace(OTHER.publicKey().hex(), ISSUER.publicKey().hex()));
    assertEquals("/signature", assertThrows(ProtocolViolation.class,
        () -> PolicyBundles.load(swapped, IssuerPins.of(ISSUER.publicKey()))).pointer());
  }

  @Test
  void required_P6_6_anUnsignedBundleIsRefusedWhereIssuersArePinned() {
    ProtocolViolation e = assertThrows(ProtocolViolation.class,
        () -> PolicyBundles.load(Json.parse(GOOD), IssuerPins.of(ISSUER.publicKey())));
    assertEquals("THY-P606", e.code());
    assertEquals("", e.pointer());
  }

  @Test
  void required_P6_6_aSignedBundlesContentErrorsAreUnderPolicy() {
    JsonObject bad = (JsonObject) Json.parse(withRule(
        "{\"field\":\"intent.tool\",\"op\":\"like\",\"value\":\"a\"}"));
    JsonObject signed = Json.object(Map.of("policy", bad, "issuer_key",
        ISSUER.publicKey().toJson(), "signature", thymos.api.crypto.Ed25519.sign(ISSUER,
            thymos.api.crypto.DocType.POLICY, bad).toJson()));
    ProtocolViolation e = assertThrows(ProtocolViolation.class,
        () -> PolicyBundles.load(signed, IssuerPins.of(ISSUER.publicKey())));
    assertEquals("/policy/rules/0/when/op", e.pointer(), e.getMessage());
    assertThrows(ProtocolViolation.class, () -> PolicyBundles.sign(bad, ISSUER),
        "a bundle that does not load is not signed");
  }

  @Test
  void required_P1_bundlesAreSelectedByConfigurationWithPinnedIssuers() {
    JsonObject signed = PolicyBundles.sign((JsonObject) Json.parse(GOOD), ISSUER);
    JsonObject config = Json.object(Map.of("bundle", signed, "issuers",
        Json.array(List.of(ISSUER.publicKey().toJson()))));
    PolicyEngine engine = PolicyProviders.engine(List.of(),
        List.of(new Selection(PolicyProviders.BUNDLE, config)));
    assertEquals(List.of(PolicyBundle.parse(GOOD).id()), engine.policyIds());

    JsonObject wrongPin = Json.object(Map.of("bundle", signed, "issuers",
        Json.array(List.of(OTHER.publicKey().toJson()))));
    ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> PolicyProviders.engine(
        List.of(), List.of(new Selection(PolicyProviders.BUNDLE, wrongPin))));
    assertEquals("THY-P606", e.code());
    assertEquals("/bundle/issuer_key", e.pointer());

    JsonObject emptyPins = Json.object(Map.of("bundle", signed, "issuers", Json.array(List.of())));
    assertEquals("/issuers", assertThrows(ProtocolViolation.class, () -> PolicyProviders.engine(
        List.of(), List.of(new Selection(PolicyProviders.BUNDLE, emptyPins)))).pointer());
    JsonObject extra = Json.object(Map.of("bundle", signed, "path", Json.string("x.json")));
    assertEquals("/path", assertThrows(ProtocolViolation.class, () -> PolicyProviders.engine(
        List.of(), List.of(new Selection(PolicyProviders.BUNDLE, extra)))).pointer());
  }
}
