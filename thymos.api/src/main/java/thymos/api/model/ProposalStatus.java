package thymos.api.model;

import java.util.Objects;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * A proposal's status (M4): {@code {kind:"staged"}} or {@code {kind:"suspended", channel, reason,
 * quorum}} (E4.5). Rejections produce no proposal.
 */
public sealed interface ProposalStatus permits ProposalStatus.Staged, ProposalStatus.Suspended {

  /** The variant name written in {@code kind}. */
  String kind();

  /** The JSON form. */
  JsonObject toJson();

  /** May execute now (X2 step 5). */
  record Staged() implements ProposalStatus {
    /** The one staged status. */
    public static final Staged INSTANCE = new Staged();

    @Override
    public String kind() {
      return "staged";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("kind", kind()).build();
    }
  }

  /**
   * Waits for {@code quorum} approvals on {@code channel} (X3).
   *
   * @param channel the approval channel
   * @param reason why approval is needed
   * @param quorum approvals required, ≥ 1 (always written; the policy default is applied here)
   */
  record Suspended(String channel, String reason, long quorum) implements ProposalStatus {
    /** @throws IllegalArgumentException if {@code quorum} is below 1 */
    public Suspended {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(reason, "reason");
      if (quorum < 1 || quorum > thymos.api.json.JsonNumber.MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("quorum must be >= 1: " + quorum);
      }
    }

    @Override
    public String kind() {
      return "suspended";
    }

    @Override
    public JsonObject toJson() {
      return Members.create().put("kind", kind()).put("channel", channel).put("reason", reason)
          .put("quorum", quorum).build();
    }
  }

  /**
   * Reads the JSON form strictly (E1.5, E4.5).
   *
   * @throws ProtocolViolation for an unknown kind, a missing or unknown member, a quorum below 1
   */
  static ProposalStatus fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    String kind = o.string("kind");
    ProposalStatus s = switch (kind) {
      case "staged" -> Staged.INSTANCE;
      case "suspended" -> {
        String channel = o.string("channel");
        String reason = o.string("reason");
        long quorum = o.nonNegative("quorum");
        if (quorum < 1) {
          throw new ProtocolViolation("M4", o.pointer("quorum"), "quorum must be >= 1, found 0");
        }
        yield new Suspended(channel, reason, quorum);
      }
      default -> throw new ProtocolViolation("E1.5", o.pointer("kind"),
          "unknown proposal status \"" + kind + "\"; expected staged or suspended");
    };
    o.end();
    return s;
  }
}
