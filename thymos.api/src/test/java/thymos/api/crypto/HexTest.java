package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;

class HexTest {

  @Property
  void encodeThenDecodeIsIdentity(@ForAll byte[] bytes) {
    assertArrayEquals(bytes, Hex.decode(Hex.encode(bytes), bytes.length, "x", ""));
  }

  @Test
  void required_E2_2_uppercaseHexIsRefusedNamingThePointer() {
    String upper = "AB".repeat(32);
    ProtocolViolation v =
        assertThrows(ProtocolViolation.class, () -> Hash32.parse(upper, "/body/parent"));
    assertEquals("/body/parent", v.pointer());
    assertEquals("E2.2", v.rule().orElseThrow());
    assertTrue(v.getMessage().contains("uppercase"), v.getMessage());
  }

  @Test
  void required_E2_2_wrongLengthIsRefused() {
    assertThrows(ProtocolViolation.class, () -> Hash32.parse("ab".repeat(31)));
    assertThrows(ProtocolViolation.class, () -> Nonce.parse("ab".repeat(17), ""));
    assertThrows(ProtocolViolation.class, () -> Hash32.parse("g".repeat(64)));
  }

  @Test
  void fixedBytesHaveContentEqualityAndDefensiveCopies() {
    byte[] raw = new byte[32];
    Hash32 a = Hash32.of(raw);
    raw[0] = 1;
    assertEquals(Hash32.of(new byte[32]), a);
    a.bytes()[0] = 7;
    assertEquals(0, a.bytes()[0]);
    assertEquals("commit:000000000000", a.shortDisplay("commit"));
  }
}
