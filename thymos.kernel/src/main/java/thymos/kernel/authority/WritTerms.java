package thymos.kernel.authority;

import java.util.List;
import java.util.Objects;
import thymos.api.crypto.PublicKey;
import thymos.api.model.Budget;
import thymos.api.model.Ceiling;
import thymos.api.model.DelegationLimits;

/**
 * What a new writ grants and to whom (M2), for {@link WritIssuance}: everything of a {@link
 * thymos.api.model.WritBody} except issuer, parent, tenant and nonce, which issuance fills in.
 *
 * @param subject who may act under the writ
 * @param subjectKey the subject's key (signs the writ's children)
 * @param scopes tool patterns, non-empty
 * @param budget the most the writ and its descendants may spend
 * @param effectCeiling the effect classes granted
 * @param notBeforeMs start of the window, inclusive
 * @param expiresAtMs end of the window, inclusive
 * @param delegation how far the writ may be delegated
 */
public record WritTerms(
    String subject,
    PublicKey subjectKey,
    List<String> scopes,
    Budget budget,
    Ceiling effectCeiling,
    long notBeforeMs,
    long expiresAtMs,
    DelegationLimits delegation) {

  /** Copies the scopes and checks for {@code null}; the body checks the rest of M2. */
  public WritTerms {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(subjectKey, "subjectKey");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(effectCeiling, "effectCeiling");
    Objects.requireNonNull(delegation, "delegation");
  }
}
