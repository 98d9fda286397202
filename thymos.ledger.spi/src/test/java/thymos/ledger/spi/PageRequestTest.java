package thymos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Page requests (L5.4); backends' paging is verified by the TCK (thymos.tck). */
class PageRequestTest {

  @Test
  @DisplayName("L5.4: page limits are 1..10000")
  void required_L5_4_pageLimitsAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> PageRequest.first(0));
    assertThrows(IllegalArgumentException.class, () -> PageRequest.first(10_001));
    assertEquals(new PageRequest<>(Optional.empty(), 1), PageRequest.first(1));
    assertEquals(PageRequest.MAX_LIMIT, PageRequest.after("k", PageRequest.MAX_LIMIT).limit());
  }
}
