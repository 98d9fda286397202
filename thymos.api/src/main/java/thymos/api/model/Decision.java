package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * A policy's decision (P1): {@code {kind:"permit"}}, {@code {kind:"deny", reason}} or {@code
 * {kind:"require_approval", channel, reason, quorum?}} (E4.5).
 */
public sealed interface Decision permits Decision.Permit, Decision.Deny, Decision.RequireApproval {

  /** The variant name written in {@code kind}. */
  String kind();

  /** The JSON form. */
  JsonObject toJson();

  /** Passes to the next policy (P2). */
  record Permit() implements Decision {
    /** The one permit. */
    public static final Permit INSTANCE = new Permit();

    @Override
    public String kind() {
      return "permit";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("kind", kind()).build();
    }
  }

  /**
   * Rejects the intent (P2).
   *
   * @param reason why, for humans
   */
  record Deny(String reason) implements Decision {
    /** Checks for {@code null}. */
    public Deny {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
      return "deny";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("kind", kind()).put("reason", reason).build();
    }
  }

  /**
   * Suspends the proposal until {@code quorum} approvers of {@code channel} approve (P1, X3).
   * An omitted quorum stays omitted in the JSON form (the decision is recorded as the policy gave
   * it); {@link #effectiveQuorum()} applies the default of 1.
   *
   * @param channel the approval channel
   * @param reason why approval is needed
   * @param quorum the number of approvals required, ≥ 1, if the policy set one
   */
  record RequireApproval(String channel, String reason, Optional<Long> quorum)
      implements Decision {
    /** @throws IllegalArgumentException if {@code quorum} is present and below 1 */
    public RequireApproval {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(quorum, "quorum");
      quorum.ifPresent(q -> {
        if (q < 1 || q > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
          throw new IllegalArgumentException("quorum must be >= 1: " + q);
        }
      });
    }

    /** The quorum, defaulting to 1 when the policy set none (P1). */
    public long effectiveQuorum() {
      return quorum.orElse(1L);
    }

    @Override
    public String kind() {
      return "require_approval";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("kind", kind()).put("channel", channel).put("reason", reason)
          .opt("quorum", quorum, Json::integer).build();
    }
  }

  /**
   * Reads the JSON form strictly (E1.5, E4.5).
   *
   * @throws ProtocolViolation for an unknown {@code kind}, a missing or unknown member, or a
   *     quorum below 1
   */
  static Decision fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String kind = o.string("kind");
    Decision d = switch (kind) {
      case "permit" -> Permit.INSTANCE;
      case "deny" -> new Deny(o.string("reason"));
      case "require_approval" -> {
        String channel = o.string("channel");
        String reason = o.string("reason");
        Optional<Long> quorum = o.optNonNegative("quorum");
        if (quorum.isPresent() && quorum.get() < 1) {
          throw new ProtocolViolation("P1", o.pointer("quorum"), "quorum must be >= 1, found 0");
        }
        yield new RequireApproval(channel, reason, quorum);
      }
      default -> throw new ProtocolViolation("E1.5", o.pointer("kind"), "unknown decision kind \""
          + kind + "\"; expected one of permit, deny, require_approval");
    };
    o.end();
    return d;
  }
}
