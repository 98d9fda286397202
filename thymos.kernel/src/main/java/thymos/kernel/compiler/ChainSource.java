package thymos.kernel.compiler;

import java.util.Objects;
import java.util.Optional;
import thymos.api.crypto.Hash32;
import thymos.api.model.Writ;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.AuthorityState;
import thymos.kernel.authority.ChainVerification;

/**
 * Where the compiler finds writs and verifies their chains (C2 stages 3–8, W4). Normally an
 * {@link AuthorityState} snapshot; the compiler never assumes registration already verified a
 * chain, so stages 4–6 are checked at every compile.
 */
public interface ChainSource {

  /** The registered writ with this id, if any (C2 stage 3). */
  Optional<Writ> writ(Hash32 writId);

  /** Verifies the chain of a registered writ at {@code nowMs}: C2 stages 4–8 in order (W4). */
  ChainVerification verify(Hash32 writId, long nowMs);

  /** The chains of an authority state; use {@link AuthorityState#copy()} for a fixed view. */
  static ChainSource of(AuthorityState state) {
    Objects.requireNonNull(state, "state");
    return new ChainSource() {
      @Override
      public Optional<Writ> writ(Hash32 writId) {
        return state.writ(writId);
      }

      @Override
      public ChainVerification verify(Hash32 writId, long nowMs) {
        return state.verify(writId, nowMs);
      }
    };
  }

  /** The chains of an authority ledger (W2), as of its latest refresh. */
  static ChainSource of(AuthorityLedger ledger) {
    return of(Objects.requireNonNull(ledger, "ledger").snapshot());
  }
}
