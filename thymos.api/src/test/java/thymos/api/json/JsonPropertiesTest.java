package thymos.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Algebraic claims about canonical JSON (E1.1, E1.2), over {@link JsonArbitraries}. */
class JsonPropertiesTest {

  @Provide
  Arbitrary<Json> values() {
    return JsonArbitraries.values();
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    return JsonArbitraries.objects();
  }

  @Provide
  Arbitrary<Double> numbers() {
    return JsonArbitraries.numbers();
  }

  @Property
  void required_E1_1_canonicalisationIsIdempotent(@ForAll("values") Json value) {
    byte[] canonical = value.canonicalBytes();
    assertArrayEquals(canonical, Json.parse(canonical).canonicalBytes());
  }

  @Property
  void required_E1_1_parseOfCanonicalFormIsIdentityOnValues(@ForAll("values") Json value) {
    assertEquals(value, Json.parse(value.canonicalBytes()));
    assertEquals(value, Json.parse(value.canonicalString()));
  }

  @Property
  void required_E1_1_memberOrderAndSpellingNeverChangeCanonicalBytes(
      @ForAll("objects") JsonObject value, @ForAll Random random) {
    String scrambled = ScrambledWriter.write(value, random);
    assertArrayEquals(value.canonicalBytes(), Json.parse(scrambled).canonicalBytes(), scrambled);
    assertArrayEquals(value.canonicalBytes(),
        Json.parse(scrambled.getBytes(StandardCharsets.UTF_8)).canonicalBytes(), scrambled);
  }

  @Property
  void required_E1_1_canonicalTextIsTheStringOfTheCanonicalBytes(@ForAll("values") Json value) {
    assertEquals(new String(value.canonicalBytes(), StandardCharsets.UTF_8),
        value.canonicalString());
  }

  @Property
  void required_E1_1_numbersRoundTripThroughTheirEcmaScriptForm(@ForAll("numbers") double v) {
    String text = NumberFormatter.format(v);
    assertEquals(v == 0 ? 0.0 : v, Double.parseDouble(text), text);
    assertEquals(new JsonNumber(v), Json.parse(text), text);
  }

  @Property
  void required_E1_1_anyFiniteDoubleFormatsToATextThatRoundTrips(@ForAll long bits) {
    double v = Double.longBitsToDouble(bits);
    if (Double.isFinite(v)) {
      assertEquals(v == 0 ? 0.0 : v, Double.parseDouble(NumberFormatter.format(v)));
    }
  }
}
