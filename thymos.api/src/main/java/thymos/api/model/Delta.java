package thymos.api.model;

import java.util.List;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;

/**
 * An ordered list of operations on world resources (M5), applied atomically (M5.1). Its JSON form
 * is the array of ops.
 *
 * @param ops the operations, in order (may be empty: a commit that changes nothing)
 */
public record Delta(List<DeltaOp> ops) {

  /** The empty delta. */
  public static final Delta EMPTY = new Delta(List.of());

  /** Copies the list; refuses {@code null} elements. */
  public Delta {
    ops = List.copyOf(ops);
  }

  /** A delta of the given ops. */
  public static Delta of(DeltaOp... ops) {
    return new Delta(List.of(ops));
  }

  /** The JSON form: an array of ops. */
  public JsonArray toJson() {
    return Members.array(ops, DeltaOp::toJson);
  }

  /**
   * Reads the JSON form strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation naming the offending op's pointer
   */
  public static Delta fromJson(Json json, String pointer) {
    if (!(json instanceof JsonArray a)) {
      throw StrictObject.wrongType(pointer, "array", json);
    }
    return new Delta(Members.readArray(a, pointer, DeltaOp::fromJson));
  }
}
