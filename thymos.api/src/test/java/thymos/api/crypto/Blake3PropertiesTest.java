package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Our {@link Blake3} agrees with Bouncy Castle's {@code Blake3Digest} in hash mode (E2.5) on random
 * inputs, lengths weighted towards block and chunk boundaries, split at any point into a head and
 * a range of a larger array (how {@link Ids} hashes a domain prefix and canonical bytes).
 */
class Blake3PropertiesTest {

  private static byte[] bouncyCastle(byte[] message) {
    Blake3Digest d = new Blake3Digest(256);
    d.update(message, 0, message.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  @Provide
  Arbitrary<Integer> lengths() {
    // Block (64) and chunk (1024) boundaries ± 1, up to 9 chunks (several tree levels), and any.
    Arbitrary<Integer> boundary = Arbitraries.integers().between(0, 9)
        .flatMap(k -> Arbitraries.of(-1, 0, 1).map(d -> Math.max(0, k * 1024 + d)));
    Arbitrary<Integer> blocks = Arbitraries.integers().between(0, 40)
        .flatMap(k -> Arbitraries.of(-1, 0, 1).map(d -> Math.max(0, k * 64 + d)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, boundary),
        Tuple.of(2, blocks),
        Tuple.of(5, Arbitraries.integers().between(0, 10_000)));
  }

  @Property(tries = 300)
  void required_E2_5_agreesWithBouncyCastleOnWholeInputs(
      @ForAll("lengths") int length, @ForAll long seed) {
    byte[] message = new byte[length];
    new Random(seed).nextBytes(message);
    assertArrayEquals(bouncyCastle(message), Blake3.hash(message));
    assertArrayEquals(bouncyCastle(message), Ids.blake3(message).bytes());
  }

  @Property(tries = 300)
  void required_E2_5_agreesWithBouncyCastleOnHeadPlusRange(
      @ForAll("lengths") int length, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 10_000) int splitHint,
      @ForAll @IntRange(min = 0, max = 100) int before,
      @ForAll @IntRange(min = 0, max = 100) int after) {
    byte[] message = new byte[length];
    new Random(seed).nextBytes(message);
    int split = length == 0 ? 0 : splitHint % (length + 1);
    byte[] head = Arrays.copyOf(message, split);
    byte[] data = new byte[before + (length - split) + after];
    Arrays.fill(data, (byte) 0x5a); // bytes outside the range must not count
    System.arraycopy(message, split, data, before, length - split);
    assertArrayEquals(bouncyCastle(message),
        Blake3.get().hash(head, data, before, length - split));
  }
}
