package thymos.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.model.Scopes;

class ToolDescriptorTest {

  private static ToolDescriptor named(String name) {
    return new ToolDescriptor(name, "1.0", "d", JsonObject.EMPTY, EffectClass.WRITE,
        RiskClass.MEDIUM, true);
  }

  @ParameterizedTest(name = "accepted: \"{0}\"")
  @ValueSource(strings = {"a", "kv_get", "fs.read-2", "mcp.github.list_issues",
      "a123456789012345678901234567890123456789012345678901234567890123"})
  void required_T1_1_namesOfTheGrammarAreAccepted(String name) {
    assertEquals(name, named(name).name());
  }

  @ParameterizedTest(name = "refused: \"{0}\"")
  @ValueSource(strings = {"", "Kv", "1abc", "_a", "a b", "kv/get", "kv*", "ümlaut", "a\n",
      "a1234567890123456789012345678901234567890123456789012345678901234"})
  void required_T1_1_namesOutsideTheGrammarAreRefused(String name) {
    var e = assertThrows(ConfigurationException.class, () -> named(name));
    assertEquals("THY-T101", e.code());
    assertEquals("T1.1", e.rule().orElseThrow());
  }

  @Test
  void required_T1_1_anEmptyVersionIsRefused() {
    assertThrows(ConfigurationException.class, () -> new ToolDescriptor("t", "", "d",
        JsonObject.EMPTY, EffectClass.READ, RiskClass.LOW, false));
  }

  @Property
  void required_T1_1_everyValidToolNameIsAValidLiteralScopeThatMatchesOnlyItself(
      @ForAll @StringLength(max = 66) @CharRange(from = 'a', to = 'z')
      @Chars({'0', '9', '_', '.', '-', 'A', ' ', '*', '/'}) String s) {
    if (ToolDescriptor.isValidName(s)) {
      assertTrue(Scopes.isValid(s) && !Scopes.isPrefix(s) && Scopes.matches(s, s));
    } else {
      assertThrows(ConfigurationException.class, () -> named(s));
    }
  }

  @Test
  void required_X10_1_cognitionViewHoldsExactlyTheFiveMembers() {
    var schema = (JsonObject) Json.parse("{\"type\":\"object\"}");
    var d = new ToolDescriptor("fs_write", "2", "writes a file", schema, EffectClass.WRITE,
        RiskClass.MEDIUM, true);
    JsonObject v = d.cognitionView();
    assertEquals(Set.of("name", "description", "input_schema", "effect", "risk"),
        v.members().keySet());
    assertEquals(schema, v.get("input_schema").orElseThrow());
    assertEquals(Json.string("medium"), v.get("risk").orElseThrow());
  }

  @Test
  void required_T1_4_failureKindsUseTheirWireNamesInTheErrorValue() {
    assertEquals(List.of("path_escape", "path_denied", "not_found", "too_large", "timeout",
        "exit_nonzero", "forbidden_address", "worker_crashed", "bad_response",
        "postcondition_failed", "cancelled", "not_compensable", "tool_error"),
        List.of(ToolFailure.Kind.values()).stream().map(ToolFailure.Kind::wire).toList());
    var info = new ToolFailure(ToolFailure.Kind.PATH_ESCAPE, "../x leaves the root").toErrorInfo();
    assertEquals("path_escape", info.kind());
    assertEquals("../x leaves the root", info.message());
  }

  @Test
  void required_X6_1_aToolThatDoesNotOverrideCompensateReportsNotCompensable() {
    Tool t = new Tool() {
      @Override
      public ToolDescriptor descriptor() {
        return named("plain");
      }

      @Override
      public thymos.api.model.Budget estimate(JsonObject args) {
        return thymos.api.model.Budget.ZERO;
      }

      @Override
      public ToolOutcome execute(ToolContext context) {
        return ToolResult.of(Json.nullValue(), thymos.api.model.Delta.EMPTY);
      }
    };
    var out = t.compensate(null, thymos.api.model.World.EMPTY);
    assertEquals(ToolFailure.Kind.NOT_COMPENSABLE, ((ToolFailure) out).kind());
    assertEquals(Reconciliation.UNKNOWN, t.reconcile(null));
    assertTrue(t.preconditions(JsonObject.EMPTY, thymos.api.model.World.EMPTY).holds());
  }
}
