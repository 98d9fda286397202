package thymos.kernel.anchor;

import java.util.ArrayList;
import java.util.List;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;
import thymos.api.spi.AnchorSink;

/** A test sink keeping published checkpoints in memory; the receipt names the checkpoint id. */
final class MemorySink implements AnchorSink {

  private final String name;
  final List<Checkpoint> published = new ArrayList<>();

  MemorySink(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized AnchorReceipt publish(Checkpoint checkpoint) {
    published.add(checkpoint);
    return new AnchorReceipt(name, checkpoint, JsonObject.builder()
        .put("id", Json.string(checkpoint.id().hex())).build());
  }

  @Override
  public synchronized ProofVerification verify(AnchorReceipt receipt) {
    String id = receipt.evidence().get("id").orElse(null) instanceof JsonString s ? s.value()
        : "(none)";
    boolean held = published.stream().anyMatch(c -> c.equals(receipt.checkpoint()));
    return id.equals(receipt.checkpoint().id().hex()) && held
        ? ProofVerification.Verified.INSTANCE
        : new ProofVerification.Rejected("A5.2", "evidence", receipt.checkpoint().id().hex(), id);
  }
}
