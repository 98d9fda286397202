package thymos.kernel.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyProvider;
import thymos.kernel.policy.PolicyProviders.Selection;

class PolicyProvidersTest {

  private static final JsonObject RATE = (JsonObject) Json.parse("{\"name\":\"tool.rate\","
      + "\"version\":\"1\",\"params\":{\"tool\":\"kv_put\",\"max_per_trajectory\":3}}");

  /** A provider with a fixed name and behaviour; records the configurations it was opened with. */
  private static final class TestProvider implements PolicyProvider {
    final String name;
    final String specVersion;
    final Function<JsonObject, List<Policy>> open;
    final List<JsonObject> openedWith = new ArrayList<>();

    TestProvider(String name, String specVersion, Function<JsonObject, List<Policy>> open) {
      this.name = name;
      this.specVersion = specVersion;
      this.open = open;
    }

    static TestProvider of(String name, Policy... policies) {
      return new TestProvider(name, SPEC_VERSION, c -> List.of(policies));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String specVersion() {
      return specVersion;
    }

    @Override
    public List<Policy> policies(JsonObject config) {
      openedWith.add(config);
      return open.apply(config);
    }
  }

  private static List<String> names(PolicyEngine engine) {
    return engine.policies().stream().map(Policy::name).toList();
  }

  @Test
  void required_P1_selectedProvidersRunInTheConfiguredOrderWithTheirConfig() {
    var a = TestProvider.of("alpha", FixedPolicy.permit("a1"), FixedPolicy.deny("a2", "no"));
    var b = TestProvider.of("beta", FixedPolicy.permit("b1"));
    var unselected = TestProvider.of("gamma", FixedPolicy.deny("g1", "never"));
    JsonObject cfg = (JsonObject) Json.parse("{\"limit\":2}");

    PolicyEngine engine = PolicyProviders.engine(List.of(a, b, unselected),
        List.of(new Selection("beta", cfg), Selection.of("alpha")));

    assertEquals(List.of("b1", "a1", "a2"), names(engine));
    assertEquals(List.of(cfg), b.openedWith);
    assertEquals(List.of(JsonObject.EMPTY), a.openedWith);
    assertEquals(List.of(), unselected.openedWith);
  }

  @Test
  void required_P1_unknownNameFailsClosedListingEveryCandidate() {
    var a = TestProvider.of("alpha");
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(a), List.of(Selection.of("alpah"))));
    assertEquals("THY-P100", e.code());
    assertEquals("P1", e.rule().orElseThrow());
    assertTrue(e.getMessage().contains("\"alpah\""), e.getMessage());
    assertEquals(3, e.candidates().size());
    assertTrue(e.candidates().get(0).startsWith(PolicyProviders.BUILTIN + " (spec 1, "));
    assertTrue(e.candidates().get(1).startsWith(PolicyProviders.BUNDLE + " (spec 1, "));
    assertTrue(e.candidates().get(2).startsWith("alpha (spec 1, "), e.candidates().toString());
  }

  @Test
  void required_P1_withNoProviderInstalledOnlyTheBuiltinsAreListed() {
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(), List.of(Selection.of("acme"))));
    assertEquals(2, e.candidates().size());
    assertTrue(e.candidates().getFirst().startsWith("builtin "), e.candidates().toString());
    assertTrue(e.candidates().get(1).startsWith("bundle "), e.candidates().toString());
  }

  @Test
  void required_P1_twoProvidersWithTheSelectedNameAreNotPickedBetween() {
    var first = TestProvider.of("acme", FixedPolicy.permit("one"));
    var second = TestProvider.of("acme", FixedPolicy.permit("two"));
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(first, second), List.of(Selection.of("acme"))));
    assertEquals("THY-P100", e.code());
    assertTrue(e.getMessage().contains("2 policy providers are named \"acme\""), e.getMessage());
    assertEquals(4, e.candidates().size());
    assertEquals(List.of(), first.openedWith);
    assertEquals(List.of(), second.openedWith);
  }

  @Test
  void duplicateNamesThatAreNotSelectedDoNotMatter() {
    var engine = PolicyProviders.engine(List.of(TestProvider.of("dup"), TestProvider.of("dup"),
        TestProvider.of("mine", FixedPolicy.permit("m"))), List.of(Selection.of("mine")));
    assertEquals(List.of("m"), names(engine));
  }

  @Test
  void required_P1_aBuiltinProviderNameClashIsAmbiguousToo() {
    var impostor = TestProvider.of(PolicyProviders.BUILTIN, FixedPolicy.permit("fake"));
    var e = assertThrows(ConfigurationException.class, () -> PolicyProviders.engine(
        List.of(impostor), List.of(Selection.builtin(RATE))));
    assertTrue(e.getMessage().contains("2 policy providers"), e.getMessage());
  }

  @Test
  void required_P1_aProviderOfAnotherSpecVersionIsRefused() {
    var future = new TestProvider("acme", "2", c -> List.of(FixedPolicy.permit("x")));
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(future), List.of(Selection.of("acme"))));
    assertTrue(e.getMessage().contains("spec version 2, expected 1"), e.getMessage());
    assertEquals(List.of(), future.openedWith);
  }

  @Test
  void required_P1_aProviderThatThrowsOrReturnsNullIsAConfigurationError() {
    var boom = new IllegalStateException("boom");
    var throwing = new TestProvider("t", PolicyProvider.SPEC_VERSION, c -> {
      throw boom;
    });
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(throwing), List.of(Selection.of("t"))));
    assertEquals("THY-P100", e.code());
    assertSame(boom, e.getCause());

    var nothing = new TestProvider("n", PolicyProvider.SPEC_VERSION, c -> null);
    var e2 = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(nothing), List.of(Selection.of("n"))));
    assertTrue(e2.getMessage().contains("returned no policy list"), e2.getMessage());

    List<Policy> withNull = new ArrayList<>();
    withNull.add(null);
    var nullPolicy = new TestProvider("np", PolicyProvider.SPEC_VERSION, c -> withNull);
    var e3 = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(nullPolicy), List.of(Selection.of("np"))));
    assertTrue(e3.getMessage().contains("a null policy"), e3.getMessage());
  }

  @Test
  void aConfigurationErrorOfTheProviderPropagatesUnchanged() {
    var own = new ConfigurationException("THY-X999", "bad key");
    var p = new TestProvider("p", PolicyProvider.SPEC_VERSION, c -> {
      throw own;
    });
    assertSame(own, assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(p), List.of(Selection.of("p")))));
  }

  @Test
  void required_P5_builtinPoliciesAreSelectableByTheirContentDocument() {
    var other = TestProvider.of("acme", FixedPolicy.permit("acme.policy"));
    PolicyEngine engine = PolicyProviders.engine(List.of(other),
        List.of(Selection.of("acme"), Selection.builtin(RATE)));

    Policy expected = BuiltinPolicies.fromContent(RATE);
    assertEquals(List.of("acme.policy", ToolRate.NAME), names(engine));
    assertEquals(expected, engine.policies().get(1));
    assertEquals(PolicyEngine.of(FixedPolicy.permit("acme.policy"), expected).policySet(),
        engine.policySet());
  }

  @Test
  void required_P5_aBadBuiltinKeepsItsOwnTypedError() {
    var unknown =
        (JsonObject) Json.parse("{\"name\":\"tool.rat\",\"version\":\"1\",\"params\":{}}");
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.engine(List.of(), List.of(Selection.builtin(unknown))));
    assertEquals("THY-P500", e.code());
    assertThrows(ProtocolViolation.class,
        () -> PolicyProviders.engine(List.of(), List.of(Selection.of(PolicyProviders.BUILTIN))));
  }

  @Test
  void noSelectionIsTheEmptyEngine() {
    var engine = PolicyProviders.engine(List.of(TestProvider.of("a", FixedPolicy.deny("d", "x"))),
        List.of());
    assertEquals(List.of(), engine.policies());
    assertEquals(PolicyEngine.empty().policySet(), engine.policySet());
  }

  @Test
  void required_P1_serviceLoaderIsDeclaredAndTheKernelAloneOffersOnlyTheBuiltins() {
    // ServiceLoader.load throws ServiceConfigurationError if module-info lacks the `uses`.
    var engine = PolicyProviders.serviceLoaded(List.of(Selection.builtin(RATE)));
    assertEquals(List.of(ToolRate.NAME), names(engine));
    var e = assertThrows(ConfigurationException.class,
        () -> PolicyProviders.serviceLoaded(List.of(Selection.of("acme"))));
    assertEquals(2, e.candidates().size(), e.candidates().toString());
  }

  @Test
  void selectionsReadStrictlyFromJsonAndRoundTrip() {
    var json = Json.parse("[{\"provider\":\"acme\"},{\"provider\":\"builtin\",\"config\":"
        + RATE + "}]");
    List<Selection> read = Selection.listFromJson(json, "/policies");
    assertEquals(List.of(Selection.of("acme"), Selection.builtin(RATE)), read);
    assertEquals(json, Json.array(read.stream().map(Selection::toJson).toList()));

    var unknown = assertThrows(ProtocolViolation.class, () -> Selection.listFromJson(
        Json.parse("[{\"provider\":\"a\",\"confg\":{}}]"), "/policies"));
    assertEquals("/policies/0/confg", unknown.pointer());
    var notObject = assertThrows(ProtocolViolation.class, () -> Selection.listFromJson(
        Json.parse("[{\"provider\":\"a\",\"config\":[]}]"), "/policies"));
    assertEquals("/policies/0/config", notObject.pointer());
    assertThrows(ProtocolViolation.class,
        () -> Selection.listFromJson(Json.parse("{\"provider\":\"a\"}"), "/policies"));
  }
}
