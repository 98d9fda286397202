package thymos.kernel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.crypto.Hash32;

/** The compact id index behaves as a set of ids (the ids differ in their first 128 bits). */
class IdSetProperties {

  @Property(tries = 200)
  void behavesLikeASet(@ForAll("ids") List<Hash32> adds, @ForAll("ids") List<Hash32> probes) {
    IdSet set = new IdSet();
    Set<Hash32> model = new HashSet<>();
    for (Hash32 id : adds) {
      assertEquals(model.add(id), set.add(id));
    }
    assertEquals(model.size(), set.size());
    for (Hash32 id : adds) {
      assertEquals(true, set.contains(id));
    }
    for (Hash32 id : probes) {
      assertEquals(model.contains(id), set.contains(id));
    }
  }

  @Provide
  Arbitrary<List<Hash32>> ids() {
    // Few distinct values (so repeats happen), the all-zero id and growth past the first table.
    Arbitrary<Hash32> one = Arbitraries.oneOf(
        Arbitraries.longs().map(seed -> {
          byte[] b = new byte[32];
          new java.util.SplittableRandom(seed).nextBytes(b);
          return Hash32.of(b);
        }),
        Arbitraries.integers().between(0, 300).map(i -> {
          byte[] b = new byte[32];
          b[15] = (byte) (int) i;
          b[14] = (byte) (((int) i) >> 8);
          return Hash32.of(b);
        }));
    return one.list().ofMaxSize(400);
  }
}
