package thymos.kernel.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.AnchorSink;
import thymos.api.spi.AnchorSinkProvider;

/** Explicit, fail-closed selection of anchor sink providers (A5.2, 00-overview). */
class AnchorSinksTest {

  record Provider(String name, String specVersion) implements AnchorSinkProvider {
    @Override
    public AnchorSink open(JsonObject config) {
      return new MemorySink(name);
    }
  }

  @Test
  void required_A5_2_selectsByNameAndOpensInOrder() {
    List<AnchorSinkProvider> found = List.of(new Provider("a", "1"), new Provider("b", "1"));
    List<AnchorSink> sinks = AnchorSinks.open(List.of(new AnchorSinks.Selection("b",
        JsonObject.EMPTY), new AnchorSinks.Selection("a", JsonObject.EMPTY)), found);
    assertEquals(List.of("b", "a"), sinks.stream().map(AnchorSink::name).toList());
    assertSame(found.get(0), AnchorSinks.select("a", found));
  }

  @Test
  void required_A5_2_selectionFailsClosedListingCandidates() {
    List<AnchorSinkProvider> found = List.of(new Provider("a", "1"), new Provider("b", "1"),
        new Provider("b", "1"), new Provider("old", "0"));
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> AnchorSinks.select("c", found));
    assertEquals("THY-A502", unknown.code());
    assertEquals(4, unknown.candidates().size());
    assertTrue(unknown.getMessage().contains("\"c\""), unknown.getMessage());
    assertThrows(ConfigurationException.class, () -> AnchorSinks.select("b", found));
    assertThrows(ConfigurationException.class, () -> AnchorSinks.select("old", found));
    ConfigurationException none = assertThrows(ConfigurationException.class,
        () -> AnchorSinks.select("a", List.of()));
    assertTrue(none.getMessage().contains("found none"), none.getMessage());
  }

  @Test
  void required_A5_2_selectionJsonIsReadStrictly() {
    List<AnchorSinks.Selection> s = AnchorSinks.Selection.listFromJson(Json.parse(
        "[{\"provider\":\"file\",\"config\":{\"path\":\"x\"}},{\"provider\":\"http\"}]"), "/s");
    assertEquals("file", s.get(0).provider());
    assertEquals(JsonObject.EMPTY, s.get(1).config());
    assertEquals(s, AnchorSinks.Selection.listFromJson(Json.array(s.stream()
        .map(x -> (Json) x.toJson()).toList()), "/s"));
    thymos.api.ProtocolViolation v = assertThrows(thymos.api.ProtocolViolation.class,
        () -> AnchorSinks.Selection.listFromJson(Json.parse("[{\"provider\":\"f\",\"x\":1}]"),
            "/s"));
    assertTrue(v.getMessage().contains("/s/0/x"), v.getMessage());
  }
}
