package thymos.kernel.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.IdBatch;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.json.ParsedJson;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.EntryKind;
import thymos.api.model.IntentOutcome;
import thymos.api.model.PendingApprovalPayload;

/**
 * The checks of one entry that depend on its bytes alone — form (R2.1), hash (R2.2), signature
 * (R2.4) and the intent and proposal ids of R2.5 — computed as data, so replay can run them for
 * many entries in parallel and keep only the order-dependent checks sequential. A pure function
 * of the bytes.
 *
 * @param storedId the id as stored, when readable
 * @param storedKind the kind as stored, when readable
 * @param malformed why the entry could not be read, if it could not (then {@code entry} is empty)
 * @param notCanonical whether the bytes parse but are not canonical
 * @param recomputedId the recomputed entry id when it differs from the stored one
 * @param entry the entry as stored (with the stored id), when readable
 * @param signatureOk whether a present signature verifies ({@code true} when unsigned)
 * @param intentId the recomputed intent id of an unredacted outcome entry
 * @param proposalId the recomputed proposal id of an unredacted commit or pending entry
 */
record Prepared(Optional<Hash32> storedId, Optional<EntryKind> storedKind,
    Optional<String> malformed, boolean notCanonical, Optional<Hash32> recomputedId,
    Optional<Entry> entry, boolean signatureOk, Optional<Hash32> intentId,
    Optional<Hash32> proposalId) {

  /**
   * Prepares {@code bytes[from, to)}. The ids of canonical entries and of their intent and
   * proposal bodies are hashed together in one {@link IdBatch}, which is several times faster
   * than one at a time; every result is the same as preparing each entry alone.
   */
  static Prepared[] ofAll(byte[][] bytes, int from, int to) {
    IdBatch ids = new IdBatch();
    Read[] reads = new Read[to - from];
    for (int i = from; i < to; i++) {
      reads[i - from] = Read.start(bytes[i], ids);
    }
    Hash32[] hashes = ids.compute();
    Prepared[] out = new Prepared[reads.length];
    for (int i = 0; i < reads.length; i++) {
      out[i] = reads[i].finish(hashes);
    }
    return out;
  }

  /**
   * One entry between parsing and hashing: its document, or the refusal of its bytes, and the
   * indices in the {@link IdBatch} of its content, intent body and proposal body (−1 for none).
   * The bodies are queued whenever the payload has them; whether they are checked is decided by
   * the entry read in {@link #finish}, so a redacted body is hashed but not used.
   */
  private record Read(ParsedJson document, Prepared refused, int content, int intent,
      int proposal) {

    static Read start(byte[] bytes, IdBatch ids) {
      ParsedJson document;
      try {
        document = ParsedJson.parse(bytes);
      } catch (RuntimeException e) { // stored bytes are untrusted input: any refusal is R2.1
        return new Read(null, failed(Optional.empty(), Optional.empty(), false, describe(e)),
            -1, -1, -1);
      }
      int rest = document.canonical() ? Entry.contentStart(bytes) : -1;
      if (rest < 0) {
        return new Read(document, null, -1, -1, -1); // hashed the general way
      }
      return new Read(document, null, ids.addObjectRest(DocType.ENTRY, bytes, rest),
          queue(ids, document, DocType.INTENT, "payload", "intent"),
          queue(ids, document, DocType.PROPOSAL, "payload", "proposal", "body"));
    }

    private static int queue(IdBatch ids, ParsedJson document, DocType type, String... path) {
      int[] span = document.memberSpan(path);
      return span == null ? -1 : ids.addRange(type, document.bytes(), span[0], span[1]);
    }

    Prepared finish(Hash32[] hashes) {
      return refused != null ? refused : prepare(this, hashes);
    }
  }

  private static Prepared prepare(Read read, Hash32[] hashes) {
    ParsedJson document = read.document();
    Json json = document.value();
    boolean notCanonical = !document.canonical();
    Entry entry;
    Optional<Hash32> stored;
    Optional<Hash32> recomputed = Optional.empty();
    try {
      // Canonical bytes: the entry id is hashed from them in place (L2.1).
      entry = notCanonical ? Entry.fromJson(json, "")
          : read.content() >= 0 ? Entry.parse(document, hashes[read.content()])
          : Entry.parse(document);
      stored = Optional.of(entry.id()); // read from the stored member, and it matched
    } catch (RuntimeException e) { // untrusted input: a record's own check counts as R2.1 too
      stored = storedId(json);
      if (!(e instanceof ProtocolViolation p) || !"I4".equals(p.rule().orElse(""))
          || !(json instanceof JsonObject o)) {
        return failed(stored, storedKind(json), notCanonical, describe(e));
      }
      // Read on with the content as stored, so collect-all can check it further (R2.2 failed).
      Map<String, Json> members = new HashMap<>(o.members());
      members.remove("id");
      Hash32 actual = Ids.id(DocType.ENTRY, Json.object(members));
      recomputed = Optional.of(actual);
      members.put("id", actual.toJson());
      entry = Entry.fromJson(Json.object(members), "");
    }
    JsonObject payload = (JsonObject) ((JsonObject) json).members().get("payload");
    Optional<Hash32> intentId = Optional.empty();
    Optional<Hash32> proposalId = Optional.empty();
    if (entry.payload() instanceof IntentOutcome o && !o.redacted()) {
      // Hash the sub-documents as stored when the entry is canonical (so are they), else the
      // parsed values; never rebuilt from the records.
      intentId = Optional.of(read.intent() >= 0 ? hashes[read.intent()]
          : subId(document, DocType.INTENT, payload.members().get("intent"), "payload",
              "intent"));
      if (o instanceof CommitPayload || o instanceof PendingApprovalPayload) {
        JsonObject proposal = (JsonObject) payload.members().get("proposal");
        proposalId = Optional.of(read.proposal() >= 0 ? hashes[read.proposal()]
            : subId(document, DocType.PROPOSAL, proposal.members().get("body"), "payload",
                "proposal", "body"));
      }
    }
    boolean signatureOk = !entry.isSigned() || entry.signatureVerifies();
    return new Prepared(stored, Optional.of(entry.kind()), Optional.empty(), notCanonical,
        recomputed, Optional.of(entry), signatureOk, intentId, proposalId);
  }

  /** The id of the value at {@code path}: from its stored bytes when they are canonical. */
  private static Hash32 subId(ParsedJson document, DocType type, Json value, String... path) {
    int[] span = document.memberSpan(path);
    return span != null ? Ids.idOfRange(type, document.bytes(), span[0], span[1])
        : Ids.id(type, value);
  }

  private static Prepared failed(Optional<Hash32> stored, Optional<EntryKind> kind,
      boolean notCanonical, String why) {
    return new Prepared(stored, kind, Optional.of(why), notCanonical, Optional.empty(),
        Optional.empty(), true, Optional.empty(), Optional.empty());
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Optional<Hash32> storedId(Json json) {
    if (json instanceof JsonObject o && o.members().get("id") instanceof JsonString s) {
      try {
        return Optional.of(Hash32.parse(s.value()));
      } catch (ProtocolViolation e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<EntryKind> storedKind(Json json) {
    if (json instanceof JsonObject o && o.members().get("kind") instanceof JsonString s) {
      try {
        return Optional.of(EntryKind.fromJson(s, "/kind"));
      } catch (ProtocolViolation e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
