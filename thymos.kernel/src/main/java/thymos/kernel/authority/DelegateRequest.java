package thymos.kernel.authority;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/**
 * The arguments of a {@code delegate} intent (09 §D1): {@code {task, scopes?, budget?,
 * effect_ceiling?, expires_at_ms?, max_depth?}}. A missing value defaults to the parent writ's
 * (for {@code max_depth}: the parent's minus one, the most W3 rule 4 allows). The request itself
 * checks nothing against the parent: containment is W3's job, done by {@link
 * AuthorityState#register} when the minted child is registered, so a request for more than the
 * parent holds is refused there with W3's typed reason and nothing is recorded.
 *
 * @param task the task handed to the child
 * @param scopes requested scopes, or the parent's
 * @param budget requested budget (also the amount reserved, D2), or the parent's
 * @param effectCeiling requested ceiling, or the parent's
 * @param expiresAtMs requested end of the window, or the parent's
 * @param maxDepth requested delegation depth, or the parent's minus one
 */
public record DelegateRequest(String task, Optional<List<String>> scopes, Optional<Budget> budget,
    Optional<Ceiling> effectCeiling, Optional<Long> expiresAtMs, Optional<Long> maxDepth) {

  /** Copies the scopes and checks for {@code null}. */
  public DelegateRequest {
    Objects.requireNonNull(task, "task");
    scopes = scopes.map(List::copyOf);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(effectCeiling, "effectCeiling");
    Objects.requireNonNull(expiresAtMs, "expiresAtMs");
    Objects.requireNonNull(maxDepth, "maxDepth");
  }

  /**
   * Reads the {@code delegate} arguments strictly (E1.5): unknown members are refused.
   *
   * @throws thymos.api.ProtocolViolation naming the pointer of the first bad member
   */
  public static DelegateRequest fromJson(Json args, String pointer) {
    StrictObject o = StrictObject.of(args, pointer);
    String task = o.string("task");
    Optional<List<String>> scopes = o.optRead("scopes", DelegateRequest::strings);
    Optional<Budget> budget = o.optRead("budget", Budget::fromJson);
    Optional<Ceiling> ceiling = o.optRead("effect_ceiling", Ceiling::fromJson);
    Optional<Long> expires = o.optNonNegative("expires_at_ms");
    Optional<Long> depth = o.optNonNegative("max_depth");
    o.end();
    return new DelegateRequest(task, scopes, budget, ceiling, expires, depth);
  }

  private static List<String> strings(Json v, String at) {
    if (!(v instanceof JsonArray a)) {
      throw StrictObject.wrongType(at, "array", v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(StrictObject.asString(a.get(i), StrictObject.child(at, i)));
    }
    return out;
  }

  /**
   * The child's terms: each requested value, or the parent's (09 §D1). The child's window starts
   * where the parent's does; it may delegate further only if it keeps depth.
   *
   * @param parent the parent writ (the writ the delegating trajectory is bound to)
   * @param childSubject the child's subject name
   * @param childKey the child's fresh subject key (from the key SPI, W6)
   */
  public WritTerms termsUnder(Writ parent, String childSubject, PublicKey childKey) {
    WritBody p = parent.body();
    long depth = maxDepth.orElse(Math.max(0, p.delegation().maxDepth() - 1));
    return new WritTerms(childSubject, childKey, scopes.orElse(p.scopes()),
        budget.orElse(p.budget()), effectCeiling.orElse(p.effectCeiling()), p.notBeforeMs(),
        expiresAtMs.orElse(p.expiresAtMs()),
        new DelegationLimits(depth, p.delegation().maySubdivide() && depth > 0));
  }

  /** The budget reserved from the parent for the child (09 §D2): the child writ's budget. */
  public Budget reservedUnder(Writ parent) {
    return budget.orElse(parent.body().budget());
  }
}
