package thymos.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;

/** The built-in clocks of A6 and the clock reading. */
class ClocksTest {

  @Test
  void required_A6_defaultReadWrapsNowMsWithoutAttestation() {
    Clock clock = () -> 1234L;
    assertEquals(new ClockReading(1234L, Optional.empty()), clock.read());
  }

  @Test
  void required_A6_readingMayCarryAnAttestation() {
    Json token = Json.string("rfc3161-token");
    Clock attested = new Clock() {
      @Override
      public long nowMs() {
        return 7;
      }

      @Override
      public ClockReading read() {
        return new ClockReading(7, Optional.of(token));
      }
    };
    assertEquals(Optional.of(token), attested.read().attestation());
  }

  @Test
  void required_E4_2_readingRefusesTimesThatCannotBeRecorded() {
    ProtocolViolation negative = assertThrows(ProtocolViolation.class, () -> ClockReading.of(-1));
    assertEquals("THY-E402", negative.code());
    assertThrows(ProtocolViolation.class, () -> ClockReading.of(JsonNumber.MAX_SAFE_INTEGER + 1));
    long max = JsonNumber.MAX_SAFE_INTEGER;
    assertEquals(max, ClockReading.of(max).timeMs());
    assertEquals(0, ClockReading.of(0).timeMs());
  }

  @Test
  void required_A6_systemClockReadsTheHostClock() {
    long before = System.currentTimeMillis();
    long read = new SystemClock().read().timeMs();
    long after = System.currentTimeMillis();
    assertTrue(before <= read && read <= after, before + " <= " + read + " <= " + after);
  }

  @Test
  void required_A6_manualClockStandsStillUntilAdvanced() {
    ManualClock clock = ManualClock.at(1_000);
    assertEquals(1_000, clock.nowMs());
    assertEquals(1_000, clock.nowMs());
    assertEquals(1_250, clock.advance(250));
    assertEquals(1_250, clock.nowMs());
    assertEquals(1_250, clock.advance(0));
  }

  @Test
  void manualClockAdvanceNeverGoesBackwards() {
    ManualClock clock = ManualClock.at(1_000);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    assertEquals(1_000, clock.nowMs());
  }

  @Test
  void manualClockGoesBackwardsOnlyWhenSetExplicitly() {
    ManualClock clock = ManualClock.at(5_000);
    clock.set(10);
    assertEquals(10, clock.nowMs());
    assertThrows(ProtocolViolation.class, () -> clock.set(-1));
    assertEquals(10, clock.nowMs());
  }

  @Test
  void manualClockRefusesToAdvancePastTheRecordableRange() {
    ManualClock clock = ManualClock.at(JsonNumber.MAX_SAFE_INTEGER - 1);
    assertThrows(ProtocolViolation.class, () -> clock.advance(2));
    assertThrows(ArithmeticException.class, () -> clock.advance(Long.MAX_VALUE));
    assertEquals(JsonNumber.MAX_SAFE_INTEGER - 1, clock.nowMs());
    assertThrows(ProtocolViolation.class, () -> ManualClock.at(-5));
  }

  @Test
  void tickingClockStepsAfterEachReading() {
    ManualClock clock = ManualClock.ticking(100, 7);
    assertEquals(List.of(100L, 107L, 114L), List.of(clock.nowMs(), clock.nowMs(), clock.nowMs()));
    assertEquals(121, clock.peekMs());
    assertEquals(121, clock.read().timeMs());
    assertThrows(IllegalArgumentException.class, () -> ManualClock.ticking(0, -1));
  }

  @Test
  void tickingClockGivesConcurrentReadersDistinctReadings() throws InterruptedException {
    ManualClock clock = ManualClock.ticking(0, 1);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    int threads = 4;
    int perThread = 5_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread.ofPlatform().start(() -> {
        for (int i = 0; i < perThread; i++) {
          seen.add(clock.nowMs());
        }
        done.countDown();
      });
    }
    done.await();
    Set<Long> expected = new HashSet<>();
    for (long i = 0; i < threads * perThread; i++) {
      expected.add(i);
    }
    assertEquals(expected, seen);
  }
}
