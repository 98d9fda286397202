package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.StrictObject;
import thymos.api.model.Decision;
import thymos.api.spi.PolicyContext;

/**
 * Built-in {@code tenant.isolation {root}} (P5): an argument that names another tenant's prefix
 * is denied.
 *
 * <p>Convention: tenant data lives under {@code <root>/<tenant>/…} (default root {@code
 * tenants}), for paths and for resource key ids alike. Every string in the args — values and
 * member names, at any depth, in arrays too — that contains {@code /} or {@code \} is read as a
 * path: split on both separators, empty and {@code .} segments dropped, {@code ..} resolved. If
 * any segment equals {@code root} (ignoring case) and the next segment is not exactly the writ's
 * tenant, or no segment follows (the path names every tenant's prefix), the intent is denied. So
 * {@code tenants/acme/x}, {@code /data/TENANTS/acme}, {@code tenants/me/../acme/x} and {@code
 * tenants/} are denied for tenant {@code me}; {@code tenants/me/x} and {@code docs/a.txt} pass.
 * Strings are examined as given: no URL or percent decoding.
 *
 * @param root the path segment under which tenants live, non-empty, without separators or dots
 */
public record TenantIsolation(String root) implements BuiltinPolicy {

  /** The policy name. */
  public static final String NAME = "tenant.isolation";

  /** The default root segment. */
  public static final String DEFAULT_ROOT = "tenants";

  /** @throws IllegalArgumentException for an empty root or one holding a separator or dot */
  public TenantIsolation {
    Params.nonEmpty("root", root);
    if (root.contains("/") || root.contains("\\") || root.equals(".") || root.equals("..")) {
      throw new IllegalArgumentException("root must be one path segment: " + root);
    }
  }

  /** Isolation under the default root {@code tenants}. */
  public TenantIsolation() {
    this(DEFAULT_ROOT);
  }

  static TenantIsolation fromParams(StrictObject p) {
    TenantIsolation t = new TenantIsolation(p.string("root"));
    p.end();
    return t;
  }

  @Override
  public String name() {
    return NAME;
  }


  /** The params of {@code {name:"tenant.isolation", version, params:{root}}}. */
  @Override
  public Map<String, Json> params() {
    return Map.of("root", Json.string(root));
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    String tenant = context.tenant();
    return scan(context.proposal().args(), "", tenant)
        .<Decision>map(Decision.Deny::new)
        .orElse(Decision.Permit.INSTANCE);
  }

  /** The deny reason for the first offending string under {@code value}, depth first. */
  private Optional<String> scan(Json value, String pointer, String tenant) {
    switch (value) {
      case JsonString s -> {
        return check(s.value(), pointer, tenant);
      }
      case JsonObject o -> {
        // Members iterate in canonical order, so the reported string is the same on every run.
        for (Map.Entry<String, Json> m : o.members().entrySet()) {
          String at = StrictObject.child(pointer, m.getKey());
          Optional<String> r = check(m.getKey(), at, tenant)
              .or(() -> scan(m.getValue(), at, tenant));
          if (r.isPresent()) {
            return r;
          }
        }
        return Optional.empty();
      }
      case JsonArray a -> {
        for (int i = 0; i < a.size(); i++) {
          Optional<String> r = scan(a.get(i), StrictObject.child(pointer, i), tenant);
          if (r.isPresent()) {
            return r;
          }
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private Optional<String> check(String s, String pointer, String tenant) {
    if (s.indexOf('/') < 0 && s.indexOf('\\') < 0) {
      return Optional.empty();
    }
    List<String> segments = normalise(s);
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).equalsIgnoreCase(root)) {
        continue;
      }
      String at = pointer.isEmpty() ? "/" : pointer;
      if (i + 1 == segments.size()) {
        return Optional.of(NAME + ": args at " + at + " names the prefix of every tenant");
      }
      String other = segments.get(i + 1);
      if (!other.equals(tenant)) {
        return Optional.of(NAME + ": args at " + at + " names tenant \"" + other
            + "\", not the writ's tenant \"" + tenant + "\"");
      }
    }
    return Optional.empty();
  }

  private static List<String> normalise(String path) {
    List<String> out = new ArrayList<>();
    for (String seg : path.split("[/\\\\]")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(seg);
    }
    return out;
  }
}
