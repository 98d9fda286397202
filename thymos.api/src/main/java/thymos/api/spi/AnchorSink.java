package thymos.api.spi;

import thymos.api.model.AnchorReceipt;
import thymos.api.model.Checkpoint;
import thymos.api.proof.ProofVerification;

/**
 * Publishes the anchor trajectory's checkpoints outside the ledger and re-checks the receipts it
 * returned (A5.2). Opened by an {@link AnchorSinkProvider}; the kernel records every receipt in
 * the anchor trajectory ({@code anchor_receipt} entries), so an auditor finds them in the ledger.
 *
 * <p>Contract: {@link #publish} either returns a receipt for exactly the checkpoint given or
 * throws; {@link #verify} never throws for a receipt that is wrong — a forged, tampered or
 * foreign receipt is a {@link ProofVerification.Rejected} value with rule {@code A5.2} naming the
 * check that failed. Implementations are thread-safe.
 */
public interface AnchorSink extends AutoCloseable {

  /** The name of the provider that opened this sink; it is the receipt's {@code sink}. */
  String name();

  /**
   * Publishes {@code checkpoint} and returns the receipt, whose {@code sink} is {@link #name()}
   * and whose checkpoint is {@code checkpoint}.
   *
   * @throws AnchorSinkFailure ({@code THY-A502}) if the sink cannot publish: unreachable,
   *     refusing, or holding a history that was rewritten
   */
  AnchorReceipt publish(Checkpoint checkpoint);

  /**
   * Re-checks a receipt this kind of sink returned (A5.2): its evidence is intact, is for the
   * receipt's checkpoint, and (where the sink can) still matches what the sink holds.
   *
   * @return {@link ProofVerification.Verified}, or {@link ProofVerification.Rejected} with rule
   *     {@code A5.2}, the failed check, expected and actual
   * @throws AnchorSinkFailure if the sink cannot be read to check (infrastructure, not a verdict)
   */
  ProofVerification verify(AnchorReceipt receipt);

  /** Releases what the sink holds; the default holds nothing. */
  @Override
  default void close() {}
}
