package thymos.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThymosExceptionTest {

  @Test
  void codeIsDerivedFromTheRule() {
    assertEquals("THY-E102", ThymosException.codeFor("E1.2"));
    assertEquals("THY-L501", ThymosException.codeFor("L5.1"));
    assertEquals("THY-R205", ThymosException.codeFor("R2.5"));
    assertEquals("THY-W300", ThymosException.codeFor("W3"));
    assertEquals("THY-W312", ThymosException.codeFor("W3.12"));
    assertThrows(IllegalArgumentException.class, () -> ThymosException.codeFor("e1.2"));
    assertThrows(IllegalArgumentException.class, () -> ThymosException.codeFor("E1.2.3"));
  }

  @Test
  void protocolViolationMessageStartsWithCodeAndNamesPointer() {
    ProtocolViolation v = new ProtocolViolation("E1.5", "/body/tenant", "missing required member");
    assertTrue(v.getMessage().startsWith("[THY-E105] at /body/tenant: "), v.getMessage());
    assertEquals("/body/tenant", v.pointer());
    assertEquals("E1.5", v.rule().orElseThrow());
    assertEquals("THY-E105", v.code());
  }
}
