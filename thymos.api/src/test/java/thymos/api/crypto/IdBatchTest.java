package thymos.api.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * An {@link IdBatch}, which hashes the chunks of many documents side by side ({@link
 * Blake3Lanes}), gives exactly the ids {@link Ids} computes one document at a time (E2.2), for
 * any mix of lengths: empty, block and chunk boundaries, several chunks, and past the staging
 * limits.
 */
class IdBatchTest {

  @Provide
  Arbitrary<List<Integer>> batches() {
    Arbitrary<Integer> boundary = Arbitraries.integers().between(0, 5)
        .flatMap(k -> Arbitraries.of(-1, 0, 1).map(d -> Math.max(0, k * 1024 + d)));
    Arbitrary<Integer> blocks = Arbitraries.integers().between(0, 20)
        .flatMap(k -> Arbitraries.of(-1, 0, 1).map(d -> Math.max(0, k * 64 + d)));
    Arbitrary<Integer> length = Arbitraries.frequencyOf(
        Tuple.of(3, boundary),
        Tuple.of(3, blocks),
        Tuple.of(5, Arbitraries.integers().between(0, 5_000)),
        Tuple.of(1, Arbitraries.integers().between(Blake3Lanes.MAX_STAGED - 40,
            Blake3Lanes.MAX_STAGED + 40)));
    return length.list().ofMinSize(0).ofMaxSize(60);
  }

  @Property(tries = 200)
  void required_E2_2_batchIdsEqualOneByOneIds(@ForAll("batches") List<Integer> lengths,
      @ForAll long seed) {
    Random random = new Random(seed);
    DocType[] types = DocType.values();
    IdBatch batch = new IdBatch();
    Hash32[] expected = new Hash32[lengths.size()];
    for (int i = 0; i < lengths.size(); i++) {
      int before = random.nextInt(50);
      byte[] bytes = new byte[before + lengths.get(i) + random.nextInt(50)];
      random.nextBytes(bytes);
      DocType type = types[random.nextInt(types.length)];
      boolean rest = random.nextBoolean() && before < bytes.length;
      int index = rest ? batch.addObjectRest(type, bytes, before)
          : batch.addRange(type, bytes, before, before + lengths.get(i));
      assertEquals(i, index);
      expected[i] = rest ? Ids.idOfObjectRest(type, bytes, before)
          : Ids.idOfRange(type, bytes, before, before + lengths.get(i));
    }
    assertEquals(List.of(expected), List.of(batch.compute()));
  }

  @Test
  void aBatchBeyondTheStagingLimitGivesTheSameIds() {
    Random random = new Random(7);
    IdBatch batch = new IdBatch();
    int count = 2 * Blake3Lanes.MAX_STAGE / Blake3Lanes.MAX_STAGED + 3;
    Hash32[] expected = new Hash32[count];
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[Blake3Lanes.MAX_STAGED - 100 + random.nextInt(50)];
      random.nextBytes(bytes);
      batch.addRange(DocType.ENTRY, bytes, 0, bytes.length);
      expected[i] = Ids.idOfRange(DocType.ENTRY, bytes, 0, bytes.length);
    }
    assertEquals(List.of(expected), List.of(batch.compute()));
  }

  @Test
  void anEmptyBatchHasNoIds() {
    assertEquals(0, new IdBatch().compute().length);
  }
}
