package thymos.kernel.authority;

import java.util.List;
import java.util.Optional;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.Scopes;
import thymos.api.model.Writ;
import thymos.api.model.WritBody;

/**
 * The delegation rules of W3 for one link: child ⊆ parent on every dimension, depth strictly
 * decreasing. Rules are checked in their numbered order and the first failure is reported, so
 * each way of exceeding the parent has its own {@link DelegationRule}.
 */
final class DelegationRules {

  private static final List<String> CEILING_BITS =
      List.of("read", "write", "external", "irreversible");

  private DelegationRules() {}

  /**
   * The first W3 rule the link {@code parent → child} breaks, if any. The signature half of rule
   * 2 ("C's signature verifies under it") is covered by stage 4, which runs first and verifies
   * the child under its own {@code issuer_key}; rule 2 here checks that key is the parent's
   * subject key. "P is valid" (rule 1) is the caller's walk over the whole chain.
   */
  static Optional<Rejection> check(Writ parent, Writ child) {
    WritBody p = parent.body();
    WritBody c = child.body();
    if (!c.parent().equals(Optional.of(parent.id()))) {
      return fail(DelegationRule.PARENT_MISMATCH, child, "/parent", parent.id().hex(),
          c.parent().map(Object::toString).orElse("(none)"), "child does not name its parent");
    }
    if (!c.issuerKey().equals(p.subjectKey())) {
      return fail(DelegationRule.ISSUER_NOT_PARENT_SUBJECT, child, "/issuer_key",
          p.subjectKey().hex(), c.issuerKey().hex(),
          "only the parent's subject may issue a child writ");
    }
    if (!p.delegation().maySubdivide()) {
      return fail(DelegationRule.PARENT_MAY_NOT_SUBDIVIDE, child, "/delegation/may_subdivide",
          "true", "false", "parent " + parent.id() + " may not be subdivided");
    }
    if (c.delegation().maxDepth() >= p.delegation().maxDepth()) {
      return fail(DelegationRule.DEPTH_NOT_DECREASING, child, "/delegation/max_depth",
          "< " + p.delegation().maxDepth(), Long.toString(c.delegation().maxDepth()),
          "delegation depth must strictly decrease");
    }
    if (!c.tenant().equals(p.tenant())) {
      return fail(DelegationRule.TENANT_MISMATCH, child, "/tenant", p.tenant(), c.tenant(),
          "a child stays in its parent's tenant");
    }
    for (int i = 0; i < c.scopes().size(); i++) {
      String scope = c.scopes().get(i);
      if (p.scopes().stream().noneMatch(ps -> Scopes.covers(ps, scope))) {
        return fail(DelegationRule.SCOPE_NOT_COVERED, child, "/scopes/" + i,
            "covered by one of " + p.scopes(), scope, "child scope is wider than the parent's");
      }
    }
    List<String> over = c.budget().exceeded(p.budget());
    if (!over.isEmpty()) {
      int d = Budget.DIMENSIONS.indexOf(over.get(0));
      return fail(DelegationRule.BUDGET_EXCEEDS_PARENT, child, "/budget/" + over.get(0),
          "<= " + p.budget().get(d), Long.toString(c.budget().get(d)),
          "child budget exceeds the parent's on " + over);
    }
    for (String bit : CEILING_BITS) {
      if (bit(c.effectCeiling(), bit) && !bit(p.effectCeiling(), bit)) {
        return fail(DelegationRule.CEILING_EXCEEDS_PARENT, child, "/effect_ceiling/" + bit,
            "false", "true", "child grants " + bit + ", which the parent does not");
      }
    }
    if (c.notBeforeMs() < p.notBeforeMs()) {
      return fail(DelegationRule.WINDOW_EXCEEDS_PARENT, child, "/not_before_ms",
          ">= " + p.notBeforeMs(), Long.toString(c.notBeforeMs()),
          "child window starts before the parent's");
    }
    if (c.expiresAtMs() > p.expiresAtMs()) {
      return fail(DelegationRule.WINDOW_EXCEEDS_PARENT, child, "/expires_at_ms",
          "<= " + p.expiresAtMs(), Long.toString(c.expiresAtMs()),
          "child window ends after the parent's");
    }
    return Optional.empty();
  }

  private static boolean bit(Ceiling ceiling, String bit) {
    return switch (bit) {
      case "read" -> ceiling.read();
      case "write" -> ceiling.write();
      case "external" -> ceiling.external();
      case "irreversible" -> ceiling.irreversible();
      default -> throw new IllegalArgumentException(bit);
    };
  }

  private static Optional<Rejection> fail(DelegationRule rule, Writ child, String field,
      String expected, String actual, String detail) {
    return Optional.of(Rejection.delegation(rule, child.id(), field, expected, actual, detail));
  }
}
