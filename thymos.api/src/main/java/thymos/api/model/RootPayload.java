package thymos.api.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * The payload of a {@code root} entry (L4): {@code {writ_id, note, delegated_from?}} for a run
 * bound to a writ (L3.2), or {@code {system, note}} for a system trajectory, where {@code system}
 * names it: {@code authority} (W2.1) or {@code anchors} (A5.1).
 *
 * @param writId the writ the trajectory is bound to; empty exactly when {@code system} is present
 * @param system the system trajectory's name; empty exactly when {@code writId} is present
 * @param note a human note
 * @param delegatedFrom the delegation entry of the parent, for a delegated child (09 §D3); only
 *     with a writ
 */
public record RootPayload(Optional<Hash32> writId, Optional<String> system, String note,
    Optional<EntryRef> delegatedFrom) implements Payload {

  /** The names a system trajectory may have. */
  public static final Set<String> SYSTEM_NAMES = Set.of("authority", "anchors");

  /** @throws IllegalArgumentException unless exactly one of writ and system is given, and so on */
  public RootPayload {
    Objects.requireNonNull(writId, "writ_id");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(delegatedFrom, "delegated_from");
    String problem = problem(writId, system, delegatedFrom);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A root binding a run to {@code writId} (X1.1). */
  public static RootPayload bound(Hash32 writId, String note) {
    return new RootPayload(Optional.of(writId), Optional.empty(), note, Optional.empty());
  }

  /** The root of a delegated child (09 §D3). */
  public static RootPayload delegated(Hash32 writId, String note, EntryRef from) {
    return new RootPayload(Optional.of(writId), Optional.empty(), note, Optional.of(from));
  }

  /** The root of the system trajectory {@code name} ({@code authority} or {@code anchors}). */
  public static RootPayload system(String name, String note) {
    return new RootPayload(Optional.empty(), Optional.of(name), note, Optional.empty());
  }

  private static String problem(Optional<Hash32> writ, Optional<String> system,
      Optional<EntryRef> from) {
    if (writ.isPresent() == system.isPresent()) {
      return "a root names exactly one of writ_id and system";
    }
    if (system.isPresent() && !SYSTEM_NAMES.contains(system.get())) {
      return "unknown system trajectory \"" + system.get() + "\"; expected authority or anchors";
    }
    if (system.isPresent() && from.isPresent()) {
      return "a system root is never delegated";
    }
    return null;
  }

  @Override
  public EntryKind kind() {
    return EntryKind.ROOT;
  }

  @Override
  public JsonObject toJson() {
    return Members.create().opt("writ_id", writId, Hash32::toJson)
        .opt("system", system, Json::string).put("note", note)
        .opt("delegated_from", delegatedFrom, EntryRef::toJson).build();
  }

  /** Reads the JSON form strictly (E1.5). */
  public static RootPayload fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    Optional<Hash32> writ = Members.optHash32(o, "writ_id");
    Optional<String> system = o.optString("system");
    String note = o.string("note");
    Optional<EntryRef> from = o.optRead("delegated_from", EntryRef::fromJson);
    o.end();
    String problem = problem(writ, system, from);
    if (problem != null) {
      throw new ProtocolViolation("L4", pointer, problem);
    }
    return new RootPayload(writ, system, note, from);
  }
}
