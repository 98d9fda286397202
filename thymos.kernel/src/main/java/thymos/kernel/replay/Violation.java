package thymos.kernel.replay;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.ThymosException;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EntryKind;

/**
 * One failed replay check (R2, R3), as a value: the trajectory, the position, the entry, which
 * check and why, and what was expected and found.
 *
 * <p>{@code seq} is the <em>position</em> in the replayed stream (0 for the first entry read),
 * which equals the stored {@code seq} of every intact entry; for an entry whose stored seq is
 * wrong or unreadable it still names where the entry was found. {@link #message()} is the stable
 * human form {@code [THY-R205] seq 42 (commit): proposal id mismatch: expected 7c1e…, recomputed
 * 09ab…}.
 *
 * @param trajectoryId the trajectory replayed (the expected one)
 * @param seq the position of the entry in the stream (R2)
 * @param entryId the entry's stored id; empty when it could not be read (a FORM violation) or
 *     for a violation about the trajectory as a whole (an empty stream)
 * @param kind the entry's kind, when it could be read
 * @param reason what failed; names the check and the rule
 * @param expected what the rule required
 * @param actual what was found (or recomputed)
 */
public record Violation(Hash32 trajectoryId, long seq, Optional<Hash32> entryId,
    Optional<EntryKind> kind, Reason reason, String expected, String actual) {

  /** Checks for {@code null}. */
  public Violation {
    Objects.requireNonNull(trajectoryId, "trajectoryId");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(actual, "actual");
  }

  /**
   * Why a check failed. Each reason belongs to one {@link Check} and one spec rule; its code is
   * derived from the rule ({@code R2.5} → {@code THY-R205}). The wire form (lower snake_case) is
   * stable and appears in the report (R5).
   */
  public enum Reason {
    /** The bytes are not JSON, not I-JSON, or do not read strictly as an entry (R2.1, E1.5). */
    MALFORMED(Check.FORM, "R2.1", "malformed entry"),
    /** The bytes parse but are not their own canonical form (R2.1, E1.1). */
    NOT_CANONICAL(Check.FORM, "R2.1", "bytes not canonical"),
    /** The stored id is not {@code id("entry", entry without id)} (R2.2). */
    ID_MISMATCH(Check.HASH, "R2.2", "entry id mismatch"),
    /** The stored seq is not the entry's position (L3.1). */
    SEQ_MISMATCH(Check.CHAIN, "R2.3", "seq mismatch"),
    /** The parent is not the previous entry's id (L3.1). */
    PARENT_MISMATCH(Check.CHAIN, "R2.3", "parent mismatch"),
    /** The entry belongs to another trajectory. */
    TRAJECTORY_MISMATCH(Check.CHAIN, "R2.3", "trajectory mismatch"),
    /** The first entry is not root or branch, or a later one is (L3.1). */
    MISPLACED_ROOT(Check.CHAIN, "R2.3", "root placement"),
    /** The stream holds no entry: a trajectory starts with its root (L3.1). */
    EMPTY_TRAJECTORY(Check.CHAIN, "R2.3", "no entries"),
    /** A present runtime signature does not verify (R2.4). */
    BAD_SIGNATURE(Check.SIGNATURE, "R2.4", "entry signature does not verify"),
    /** An unredacted entry's intent id is not {@code id("intent", body)} (R2.5). */
    INTENT_ID_MISMATCH(Check.CONTENT, "R2.5", "intent id mismatch"),
    /** An unredacted entry's proposal id is not {@code id("proposal", body)} (R2.5). */
    PROPOSAL_ID_MISMATCH(Check.CONTENT, "R2.5", "proposal id mismatch"),
    /** A second outcome, or an execution, for an intent already processed (X4). */
    DUPLICATE_INTENT(Check.CONTENT, "R2.5", "intent processed twice"),
    /** A proposal compiled against another writ than the trajectory's binding (L3.2). */
    WRIT_BINDING(Check.CONTENT, "R2.5", "proposal not under the bound writ"),
    /** An external/irreversible commit without its earlier execution entry (X5.1). */
    MISSING_EXECUTION(Check.CONTENT, "R2.5", "commit without execution entry"),
    /** An approval vote that the kernel must have refused (X3.2, X3.6). */
    BAD_VOTE(Check.CONTENT, "R2.5", "invalid approval vote"),
    /** A commit's approvals do not satisfy its pending entry (X3.3–X3.5). */
    APPROVAL_NOT_SATISFIED(Check.CONTENT, "R2.5", "approvals do not satisfy the quorum"),
    /** A compensates reference to no earlier commit, or to one already compensated (X6.2). */
    BAD_COMPENSATION(Check.CONTENT, "R2.5", "invalid compensation target"),
    /** The delta does not apply to the world so far (M5.1). */
    DELTA_CONFLICT(Check.CONTENT, "R2.5", "delta does not apply"),
    /** The bound writ is not registered in the authority input (R2.6, W2). */
    UNKNOWN_WRIT(Check.AUTHORITY, "R2.6", "bound writ not registered"),
    /** The bound writ's chain is not valid or not anchored at the root's time (R2.6, W1, W3). */
    INVALID_CHAIN(Check.AUTHORITY, "R2.6", "bound writ chain invalid"),
    /** A commit recorded after a revocation of a writ in the bound chain (R2.6, W5). */
    COMMIT_AFTER_REVOCATION(Check.AUTHORITY, "R2.6", "commit after revocation"),
    /** An outcome entry's compiler version is not pinned (R3). */
    COMPILER_VERSION_PIN(Check.PIN, "R3", "compiler version differs from pin"),
    /** A recorded policy-set hash is not pinned (R3). */
    POLICY_SET_PIN(Check.PIN, "R3", "policy set differs from pin"),
    /** An entry unsigned, or signed by a key not pinned (R2.4, R3). */
    SIGNER_PIN(Check.PIN, "R3", "signer differs from pin"),
    /** The final world hash is not the pinned one (R3, R4). */
    WORLD_HASH_PIN(Check.PIN, "R3", "world hash differs from pin"),
    /** The last entry is not the pinned head: entries are missing or extra at the end (I4). */
    HEAD_PIN(Check.PIN, "R3", "head differs from pin"),
    /** A branch's source trajectory holds no entry with its {@code source_entry_id} (R7). */
    BRANCH_SOURCE_MISSING(Check.CHAIN, "R7", "branch source entry does not exist"),
    /** A branch's source prefix (up to and including the source entry) does not verify (R7). */
    BRANCH_SOURCE_INVALID(Check.CHAIN, "R7", "branch source prefix does not verify"),
    /**
     * A branch replayed without its source prefix: its world cannot be known, so the replay
     * fails rather than report a world relative to an unknown start (R7; use {@code
     * Replayer.replayBranch}).
     */
    BRANCH_SOURCE_UNVERIFIED(Check.CHAIN, "R7", "branch source not verified"),
    /** A branch trajectory's id is not the one derived from its branch entry (E2.6, R7). */
    BRANCH_ID_MISMATCH(Check.CHAIN, "R7", "branch trajectory id not derived");

    private final Check check;
    private final String rule;
    private final String summary;

    Reason(Check check, String rule, String summary) {
      this.check = check;
      this.rule = rule;
      this.summary = summary;
    }

    /** The check this reason belongs to. */
    public Check check() {
      return check;
    }

    /** The spec rule, e.g. {@code R2.5}. */
    public String rule() {
      return rule;
    }

    /** The stable code, e.g. {@code THY-R205}. */
    public String code() {
      return ThymosException.codeFor(rule);
    }

    /** A short human summary, e.g. {@code proposal id mismatch}. */
    public String summary() {
      return summary;
    }

    /** The JSON form, lower snake_case (E4.1). */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The check that failed. */
  public Check check() {
    return reason.check();
  }

  /** The stable code, e.g. {@code THY-R205}. */
  public String code() {
    return reason.code();
  }

  /**
   * The human form: {@code [THY-R205] seq 42 (commit) entry:7c1e…: proposal id mismatch:
   * expected …, actual …}.
   */
  public String message() {
    return "[" + code() + "] " + detail();
  }

  private String detail() {
    StringBuilder b = new StringBuilder().append("seq ").append(seq);
    kind.ifPresent(k -> b.append(" (").append(k.wire()).append(')'));
    entryId.ifPresent(id -> b.append(' ').append(id.shortDisplay("entry")));
    b.append(" of ").append(trajectoryId.shortDisplay("traj")).append(": ")
        .append(reason.summary()).append(": expected ").append(expected).append(", actual ")
        .append(actual);
    return b.toString();
  }

  /**
   * The JSON form in the report (R5): {@code {trajectory_id, seq, entry_id?, kind?, check, code,
   * reason, expected, actual}}.
   */
  public JsonObject toJson() {
    Map<String, Json> m = new HashMap<>();
    m.put("trajectory_id", trajectoryId.toJson());
    m.put("seq", Json.integer(seq));
    entryId.ifPresent(id -> m.put("entry_id", id.toJson()));
    kind.ifPresent(k -> m.put("kind", k.toJson()));
    m.put("check", Json.string(reason.check().name().toLowerCase(Locale.ROOT)));
    m.put("code", Json.string(code()));
    m.put("reason", Json.string(reason.wire()));
    m.put("expected", Json.string(expected));
    m.put("actual", Json.string(actual));
    return Json.object(m);
  }

  /** This violation as an exception carrying its rule and message (for {@code …OrThrow()}). */
  public ProtocolViolation toException() {
    return new ProtocolViolation(reason.rule(), "", detail());
  }
}
