package thymos.api.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The domain tags of E2.4: {@code tagged(type, doc) = "thymos/v1/" + type ‖ 0x00 ‖ JCS(doc)}, so
 * an id or signature of one kind of document is never accepted for another (E2.1).
 */
public enum DocType {
  /** IntentBody (M1). */
  INTENT("intent"),
  /** WritBody (M2). */
  WRIT("writ"),
  /** ProposalBody (M4). */
  PROPOSAL("proposal"),
  /** A ledger entry without its id (L2). */
  ENTRY("entry"),
  /** The canonical world (R4). */
  WORLD("world"),
  /** A policy content document (P4). */
  POLICY("policy"),
  /** The ordered list of policy ids (P4). */
  POLICYSET("policyset"),
  /** A checkpoint (A4). */
  CHECKPOINT("checkpoint"),
  /** A snapshot (R6). */
  SNAPSHOT("snapshot"),
  /** An export bundle header (L8). */
  BUNDLE("bundle"),
  /** A tool manifest (T6). */
  MANIFEST("manifest"),
  /** A derived trajectory id (E2.6, 09). */
  TRAJECTORY("trajectory"),
  /** An approval vote, signature only (X3.2). */
  APPROVAL("approval"),
  /** A revocation, signature only (W5.1). */
  REVOCATION("revocation"),
  /** A time authority's signed clock reading, signature only (A6). */
  CLOCK("clock");

  private final String tag;
  private final byte[] prefix;
  private final byte[] objectHead;

  DocType(String tag) {
    this.tag = tag;
    byte[] name = ("thymos/v1/" + tag).getBytes(StandardCharsets.US_ASCII);
    this.prefix = java.util.Arrays.copyOf(name, name.length + 1); // trailing 0x00 separator
    this.objectHead = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    objectHead[prefix.length] = '{';
  }

  /** The type string, e.g. {@code writ}. */
  public String tag() {
    return tag;
  }

  /** {@code ASCII("thymos/v1/" + tag) ‖ 0x00}, the prefix of every tagged message (a copy). */
  public byte[] prefix() {
    return prefix.clone();
  }

  byte[] rawPrefix() {
    return prefix;
  }

  /** The prefix followed by {@code '{'}, the start of a tagged object (not copied). */
  byte[] rawObjectHead() {
    return objectHead;
  }
}
