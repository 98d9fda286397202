package thymos.kernel.anchor;

import java.util.Objects;
import thymos.api.crypto.Hash32;
import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.model.CheckpointPayload;
import thymos.api.model.Entry;

/**
 * An entry of the anchor trajectory (A5): a {@code checkpoint} of another trajectory or an
 * {@code anchor_receipt}, with its position.
 *
 * @param entry the entry as stored (its id checked)
 */
public record AnchoredEntry(Entry entry) {

  /** @throws IllegalArgumentException for an entry that is neither kind */
  public AnchoredEntry {
    Objects.requireNonNull(entry, "entry");
    if (!(entry.payload() instanceof CheckpointPayload)
        && !(entry.payload() instanceof AnchorReceipt)) {
      throw new IllegalArgumentException("not a checkpoint or anchor_receipt entry: "
          + entry.kind().wire());
    }
  }

  /** The entry's position in the anchor trajectory. */
  public long seq() {
    return entry.seq();
  }

  /** The entry id. */
  public Hash32 id() {
    return entry.id();
  }

  /** The recorded checkpoint: of another trajectory, or the anchor checkpoint a receipt is for. */
  public Checkpoint checkpoint() {
    return switch (entry.payload()) {
      case CheckpointPayload c -> c.checkpoint();
      case AnchorReceipt r -> r.checkpoint();
      default -> throw new IllegalStateException("unreachable: checked in the constructor");
    };
  }
}
