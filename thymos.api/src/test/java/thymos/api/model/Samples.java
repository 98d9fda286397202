package thymos.api.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;

/** Fixed sample documents and a JSON-pointer editor for negative tests. */
final class Samples {

  private Samples() {}

  static Hash32 hash(int b) {
    byte[] x = new byte[Hash32.LENGTH];
    java.util.Arrays.fill(x, (byte) b);
    return Hash32.of(x);
  }

  static final Hash32 TRAJ = hash(1);

  static IntentBody intentBody() {
    return new IntentBody(TRAJ, IntentKind.ACT, "fs_write",
        (JsonObject) Json.parse("{\"path\":\"a.txt\",\"n\":null}"), "scripted",
        Optional.of("because"), Optional.empty(), Nonce.of(new byte[Nonce.LENGTH]));
  }

  static ProposalBody proposalBody() {
    PolicyTrace trace = new PolicyTrace(hash(2),
        List.of(new PolicyTrace.Evaluation("threshold.approval", "1", Optional.empty(),
            new Decision.RequireApproval("ops", "big", Optional.empty()))),
        new Decision.RequireApproval("ops", "big", Optional.empty()));
    return new ProposalBody(hash(3), hash(4), TRAJ, "fs_write", "1.0.0", EffectClass.WRITE,
        RiskClass.LOW, intentBody().args(), new Budget(0, 1, 10, 5), trace,
        new ProposalStatus.Suspended("ops", "big", 1));
  }

  static CommitPayload commit() {
    return new CommitPayload(intentBody(), hash(5), false, Proposal.of(proposalBody()),
        Delta.of(new DeltaOp.Create(new ResourceKey("file", "a.txt"), Json.string("hi"))),
        List.of(Observation.of("fs_write", Json.string("ok"), 3)), new Budget(0, 1, 3, 0),
        "thymos-kernel/0.1.0", List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * {@code root} with the value at {@code pointer} replaced by {@code value}, or removed when
   * {@code value} is empty. Pointer segments are plain names or array indexes (no escaping).
   */
  static Json edit(Json root, String pointer, Optional<Json> value) {
    return edit(root, pointer.substring(1).split("/"), 0, value);
  }

  static Json set(Json root, String pointer, Json value) {
    return edit(root, pointer, Optional.of(value));
  }

  static Json remove(Json root, String pointer) {
    return edit(root, pointer, Optional.empty());
  }

  private static Json edit(Json node, String[] path, int i, Optional<Json> value) {
    String seg = path[i];
    boolean last = i == path.length - 1;
    if (node instanceof JsonObject o) {
      Map<String, Json> m = new HashMap<>(o.members());
      if (last) {
        value.ifPresentOrElse(v -> m.put(seg, v), () -> m.remove(seg));
      } else {
        m.put(seg, edit(m.get(seg), path, i + 1, value));
      }
      return Json.object(m);
    }
    JsonArray a = (JsonArray) node;
    List<Json> l = new ArrayList<>(a.elements());
    int idx = Integer.parseInt(seg);
    if (last) {
      if (value.isPresent()) {
        l.set(idx, value.get());
      } else {
        l.remove(idx);
      }
    } else {
      l.set(idx, edit(l.get(idx), path, i + 1, value));
    }
    return Json.array(l);
  }
}
