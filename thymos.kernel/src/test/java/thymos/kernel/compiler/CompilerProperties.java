package thymos.kernel.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import thymos.api.model.Budget;

/** The compiler is a function of its inputs (C1, I6) and applies M7 exactly (C2 stage 13). */
class CompilerProperties {

  private static CompileResult compileFresh(long n, long tokens, long calls, long nowMs) {
    CompilerFixture f = new CompilerFixture();
    f.spent = new Budget(tokens, calls, 0, 0);
    f.nowMs = nowMs;
    return f.compile(f.intent("kv_put", "{\"n\":" + n + "}"));
  }

  @Property(tries = 60)
  void required_I6_equalInputsCompileToEqualResults(
      @ForAll @LongRange(min = -1000, max = 1000) long n,
      @ForAll @LongRange(min = 0, max = 1100) long tokens,
      @ForAll @IntRange(min = 0, max = 5) int calls,
      @ForAll @LongRange(min = 0, max = 12_000) long nowMs) {
    assertEquals(compileFresh(n, tokens, calls, nowMs), compileFresh(n, tokens, calls, nowMs));
  }

  @Property(tries = 60)
  void required_C2_13_stagedExactlyWhenSpentPlusEstimateFits(
      @ForAll @LongRange(min = 0, max = 1100) long tokens,
      @ForAll @IntRange(min = 0, max = 5) int calls) {
    CompileResult r = compileFresh(1, tokens, calls, 2_000);
    boolean fits = tokens + 10 <= 1000 && calls + 1 <= 3;
    if (fits) {
      assertInstanceOf(CompileResult.Staged.class, r);
    } else {
      assertEquals("budget_exhausted", assertInstanceOf(CompileResult.Rejected.class, r).kind());
    }
  }
}
