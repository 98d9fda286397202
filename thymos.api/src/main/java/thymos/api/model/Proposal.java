package thymos.api.model;

import java.util.Objects;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * A proposal with its id (M4): {@code {id, body}}, {@code id = id("proposal", body)}.
 *
 * <p>The record does not force the id to match the body: an entry marked {@code redacted} keeps
 * the original id over a redacted body (X8.3). Whoever needs the match checks {@link
 * #idMatchesBody()} (replay R2.5).
 *
 * @param id the proposal id
 * @param body the content
 */
public record Proposal(Hash32 id, ProposalBody body) {

  /** Checks for {@code null}. */
  public Proposal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
  }

  /** The proposal for {@code body}, with its content id computed (M4, E2.2). */
  public static Proposal of(ProposalBody body) {
    return new Proposal(idOf(body), body);
  }

  /** {@code id("proposal", body)}. */
  public static Hash32 idOf(ProposalBody body) {
    return Ids.id(DocType.PROPOSAL, body.toJson());
  }

  /** Whether {@link #id()} is the content id of {@link #body()}. */
  public boolean idMatchesBody() {
    return id.equals(idOf(body));
  }

  /** The JSON form {@code {id, body}}. */
  public JsonObject toJson() {
    return Members.create().put("id", id.toJson()).put("body", body.toJson()).build();
  }

  /**
   * Reads the JSON form strictly (E1.5). Does not check the id against the body (see the type
   * comment).
   *
   * @throws thymos.api.ProtocolViolation naming the offending member's JSON pointer
   */
  public static Proposal fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Proposal i = new Proposal(Members.hash32(o, "id"), o.read("body", ProposalBody::fromJson));
    o.end();
    return i;
  }
}
