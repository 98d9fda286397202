package thymos.api.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.ParsedJson;
import thymos.api.json.StrictObject;
import thymos.api.spi.Signer;

/**
 * A ledger entry (L1): {@code {id, trajectory_id, seq, parent?, kind, recorded_ms, payload,
 * signer?, signature?}}. The {@code kind} is the payload's ({@link #kind()}).
 *
 * <p>{@code id = id("entry", entry without id)} covers everything else, the signature included
 * (L2.1, E4.3); the optional runtime signature is {@code sign("entry", entry without id and
 * signature)} by {@code signer}. {@link #create} computes both; {@link #fromJson} checks the id
 * (I4). The constructor checks the envelope's shape but not the id, so the kernel can build and
 * inspect entries cheaply; use {@link #idMatches()} where it matters.
 *
 * @param id the entry id
 * @param trajectoryId the trajectory
 * @param seq position, 0 for the first entry
 * @param parent the previous entry's id; absent exactly when {@code seq = 0}
 * @param recordedMs the kernel's clock reading when it built the entry
 * @param payload the kind-specific payload (L4)
 * @param signer the runtime key that signed, present exactly with {@code signature}
 * @param signature the runtime signature, present exactly with {@code signer}
 */
public record Entry(Hash32 id, Hash32 trajectoryId, long seq, Optional<Hash32> parent,
    long recordedMs, Payload payload, Optional<PublicKey> signer,
    Optional<Signature> signature) {

  /** {@code {"id":"}: how canonical entry bytes start (id sorts first). */
  private static final byte[] ID_HEAD = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);

  /** Where the members after {@code id} start in canonical entry bytes: after {@code "…",}. */
  private static final int REST = ID_HEAD.length + 2 * Hash32.LENGTH + 2;

  /**
   * Checks the envelope's shape (L1).
   *
   * @throws IllegalArgumentException if {@code parent} is present at seq 0 or absent later, if
   *     only one of signer and signature is present, or for a negative seq or time
   */
  public Entry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(trajectoryId, "trajectory_id");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
    String problem = shapeProblem(seq, recordedMs, parent, signer, signature);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static String shapeProblem(long seq, long recordedMs, Optional<Hash32> parent,
      Optional<PublicKey> signer, Optional<Signature> signature) {
    if (seq < 0 || recordedMs < 0) {
      return "seq and recorded_ms must be >= 0";
    }
    if (parent.isPresent() == (seq == 0)) {
      return seq == 0 ? "the entry at seq 0 has no parent" : "entry seq " + seq + " needs a parent";
    }
    if (signer.isPresent() != signature.isPresent()) {
      return "signer and signature are both present or both absent";
    }
    return null;
  }

  /** Builds an unsigned entry and computes its id (L1, L2). */
  public static Entry create(Hash32 trajectoryId, long seq, Optional<Hash32> parent,
      long recordedMs, Payload payload) {
    Entry draft = new Entry(Hash32.of(new byte[Hash32.LENGTH]), trajectoryId, seq, parent,
        recordedMs, payload, Optional.empty(), Optional.empty());
    return draft.withId();
  }

  /** Builds an entry signed by {@code runtime} and computes its id over the signature (L1, L2). */
  public static Entry create(Hash32 trajectoryId, long seq, Optional<Hash32> parent,
      long recordedMs, Payload payload, Signer runtime) {
    Entry unsigned = new Entry(Hash32.of(new byte[Hash32.LENGTH]), trajectoryId, seq, parent,
        recordedMs, payload, Optional.empty(), Optional.empty());
    return unsigned.signedBy(runtime).withId();
  }

  /**
   * This entry (id not yet computed) signed by {@code runtime}: the signed content is the entry
   * without id and signature, so it names the signer (L1).
   */
  private Entry signedBy(Signer runtime) {
    Map<String, Json> content = new HashMap<>(signedContent().members());
    content.put("signer", runtime.publicKey().toJson());
    Signature sig = runtime.sign(Ids.tagged(DocType.ENTRY, Json.object(content)));
    return new Entry(id, trajectoryId, seq, parent, recordedMs, payload,
        Optional.of(runtime.publicKey()), Optional.of(sig));
  }

  /**
   * An entry with its canonical bytes (E1.1), as a writer hands it to a backend (L2.2).
   *
   * @param entry the entry
   * @param canonicalBytes its canonical bytes; do not modify
   */
  public record Encoded(Entry entry, byte[] canonicalBytes) {
    /** Checks for {@code null}. */
    public Encoded {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(canonicalBytes, "canonicalBytes");
    }
  }

  /**
   * Builds an entry, signed by {@code runtime} when present, with its id and canonical bytes from
   * one canonicalisation: JCS sorts {@code id} first, so the stored bytes are {@code {"id":"…",}
   * followed by the canonical entry without id, which is what the id hashes (L2.1).
   */
  public static Encoded encode(Hash32 trajectoryId, long seq, Optional<Hash32> parent,
      long recordedMs, Payload payload, Optional<Signer> runtime) {
    Entry unsigned = new Entry(Hash32.of(new byte[Hash32.LENGTH]), trajectoryId, seq, parent,
        recordedMs, payload, Optional.empty(), Optional.empty());
    Entry draft = runtime.isPresent() ? unsigned.signedBy(runtime.get()) : unsigned;
    byte[] rest = draft.withoutId().canonicalBytes();
    Hash32 id = Ids.idOfRange(DocType.ENTRY, rest, 0, rest.length);
    String hex = id.hex();
    byte[] full = new byte[REST + rest.length - 1];
    System.arraycopy(ID_HEAD, 0, full, 0, ID_HEAD.length);
    for (int i = 0; i < hex.length(); i++) {
      full[ID_HEAD.length + i] = (byte) hex.charAt(i);
    }
    full[REST - 2] = '"';
    full[REST - 1] = ',';
    System.arraycopy(rest, 1, full, REST, rest.length - 1);
    return new Encoded(new Entry(id, trajectoryId, seq, parent, recordedMs, payload,
        draft.signer, draft.signature), full);
  }

  private Entry withId() {
    return new Entry(computeId(), trajectoryId, seq, parent, recordedMs, payload, signer,
        signature);
  }

  /** The entry kind, from the payload (L4). */
  public EntryKind kind() {
    return payload.kind();
  }

  /** The full JSON form (L1). */
  public JsonObject toJson() {
    return members(true, true).build();
  }

  /** The entry without {@code id}: what the id hashes (L2.1). */
  public JsonObject withoutId() {
    return members(false, true).build();
  }

  /** The entry without {@code id} and {@code signature}: what the runtime signs (L1). */
  public JsonObject signedContent() {
    return members(false, false).build();
  }

  private Members members(boolean withId, boolean withSignature) {
    Members m = Members.create();
    if (withId) {
      m.put("id", id.toJson());
    }
    m.put("trajectory_id", trajectoryId.toJson()).put("seq", seq)
        .opt("parent", parent, Hash32::toJson).put("kind", kind().toJson())
        .put("recorded_ms", recordedMs).put("payload", payload.toJson())
        .opt("signer", signer, PublicKey::toJson);
    if (withSignature) {
      m.opt("signature", signature, Signature::toJson);
    }
    return m;
  }

  /** The canonical bytes of the full entry (E1.1): what a backend stores (L2.2). */
  public byte[] canonicalBytes() {
    return toJson().canonicalBytes();
  }

  /** {@code id("entry", entry without id)} recomputed from the content (L2.1). */
  public Hash32 computeId() {
    return Ids.id(DocType.ENTRY, withoutId());
  }

  /** Whether {@link #id()} is the recomputed id (R2.2). */
  public boolean idMatches() {
    return id.equals(computeId());
  }

  /** Whether the entry carries a runtime signature. */
  public boolean isSigned() {
    return signature.isPresent();
  }

  /**
   * Whether the runtime signature verifies under {@code signer} (strict, E3.3); {@code false} for
   * an unsigned entry. Whether the signer is trusted is the replay's pin (R3).
   */
  public boolean signatureVerifies() {
    return signature.isPresent() && Ed25519.verify(signer.orElseThrow(),
        Ids.tagged(DocType.ENTRY, signedContent()), signature.get());
  }

  /**
   * Reads an entry strictly (E1.5, L4) and checks its id over the members as given (I4, L2.1).
   *
   * @throws ProtocolViolation naming the offending member; an id mismatch has rule I4, pointer
   *     {@code …/id}, and a message naming the seq and kind
   */
  public static Entry fromJson(Json json, String pointer) {
    return read(json, pointer, null, null);
  }

  /**
   * Parses stored entry bytes: they must be the canonical form (E1.1, R2.1) of an entry that reads
   * strictly and whose id matches (I4).
   *
   * <p>Replay calls this for every entry, so it canonicalises once (to check the bytes) and hashes
   * the id straight from them: JCS puts {@code id} first, so the canonical entry without id is
   * {@code '{'} followed by the stored bytes after the {@code "id":"…",} member.
   *
   * @throws ProtocolViolation for malformed or non-canonical bytes, or any {@link #fromJson} error
   */
  public static Entry parse(byte[] canonicalBytes) {
    return parse(ParsedJson.parse(canonicalBytes));
  }

  /**
   * As {@link #parse(byte[])} for bytes already read: the parser noted whether they are
   * canonical, so nothing is re-serialised.
   *
   * @throws ProtocolViolation for non-canonical bytes, or any {@link #fromJson} error
   */
  public static Entry parse(ParsedJson document) {
    requireCanonical(document);
    return read(document.value(), "", document.bytes(), null);
  }

  /**
   * As {@link #parse(ParsedJson)}, with the id of the entry without its id (L2.1) already
   * computed by the caller from these bytes: {@code Ids.idOfObjectRest(DocType.ENTRY, bytes,
   * contentStart(bytes))}, or the same with many entries at once in a {@link
   * thymos.api.crypto.IdBatch} (replay, R2.2). The caller vouches for {@code contentId}; it is
   * compared with the stored id exactly where {@link #parse(ParsedJson)} compares its own.
   *
   * @throws ProtocolViolation as {@link #parse(ParsedJson)}, an id mismatch with rule I4
   */
  public static Entry parse(ParsedJson document, Hash32 contentId) {
    requireCanonical(document);
    return read(document.value(), "", document.bytes(), Objects.requireNonNull(contentId));
  }

  /**
   * Where the members after {@code id} start in canonical entry bytes that begin with the
   * {@code id} member (JCS puts it first): the canonical entry without id is {@code '{'} followed
   * by the bytes from there, so {@code Ids.idOfObjectRest(DocType.ENTRY, canonical, contentStart(
   * canonical))} is the id (L2.1). −1 when the bytes do not begin {@code {"id":"<64 chars>",}.
   */
  public static int contentStart(byte[] canonical) {
    return idFirst(canonical) ? REST : -1;
  }

  private static void requireCanonical(ParsedJson document) {
    if (!document.canonical()) {
      throw new ProtocolViolation("E1.1", "", "entry bytes are not in canonical form (RFC 8785)");
    }
  }

  /**
   * Reads {@code json}; {@code canonical}, when not {@code null}, is its canonical form, from
   * which the id is hashed directly unless {@code contentId} gives it already.
   */
  private static Entry read(Json json, String pointer, byte[] canonical, Hash32 contentId) {
    StrictObject o = StrictObject.of(json, pointer);
    Hash32 id = Members.hash32(o, "id");
    Hash32 trajectoryId = Members.hash32(o, "trajectory_id");
    long seq = o.nonNegative("seq");
    Optional<Hash32> parent = Members.optHash32(o, "parent");
    EntryKind kind = o.read("kind", EntryKind::fromJson);
    long recordedMs = o.nonNegative("recorded_ms");
    Payload payload = Payload.fromJson(kind, o.value("payload"), o.pointer("payload"));
    Optional<PublicKey> signer = o.optRead("signer", PublicKey::fromJson);
    Optional<Signature> signature = o.optRead("signature", Signature::fromJson);
    o.end();
    String problem = shapeProblem(seq, recordedMs, parent, signer, signature);
    if (problem != null) {
      String at = parent.isPresent() == (seq == 0) ? o.pointer("parent") : o.pointer("signer");
      throw new ProtocolViolation("L1", at, problem);
    }
    Hash32 actual = contentId != null ? contentId
        : canonical != null && idFirst(canonical)
            ? Ids.idOfObjectRest(DocType.ENTRY, canonical, REST)
            : Ids.id(DocType.ENTRY, withoutId(o.json()));
    if (!actual.equals(id)) {
      throw new ProtocolViolation("I4", o.pointer("id"), "entry seq " + seq + " (" + kind.wire()
          + ") of traj:" + trajectoryId.hex() + ": id mismatch: recorded " + id.hex()
          + ", recomputed " + actual.hex());
    }
    return new Entry(id, trajectoryId, seq, parent, recordedMs, payload, signer, signature);
  }

  /**
   * Whether canonical entry bytes start {@code {"id":"<64 chars>",}, so that the members after it
   * are exactly the canonical entry without id; otherwise the id is hashed the general way.
   */
  private static boolean idFirst(byte[] canonical) {
    return canonical.length > REST
        && Arrays.equals(canonical, 0, ID_HEAD.length, ID_HEAD, 0, ID_HEAD.length)
        && canonical[REST - 2] == '"' && canonical[REST - 1] == ',';
  }

  private static JsonObject withoutId(JsonObject entry) {
    TreeMap<String, Json> content = new TreeMap<>(entry.members());
    content.remove("id");
    return new JsonObject(content);
  }
}
