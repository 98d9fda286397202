package thymos.kernel.replay;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.PublicKey;

/**
 * How to replay (R2) and what to pin (R3). Immutable; the {@code with…}/{@code pin…} methods
 * return changed copies. An empty pin set means "not pinned".
 *
 * @param mode fail-fast (stop at the first violation, the default) or collect-all
 * @param compilerVersions pinned compiler versions: every outcome entry must carry one of them
 * @param policySets pinned policy-set hashes: every recorded policy set must be one of them
 * @param signers pinned runtime keys: every entry must be signed by one of them (R2.4, R3)
 * @param worldHash the pinned world hash at the end (R3, R4)
 * @param head the pinned id of the last entry, e.g. from a checkpoint (A4); without it a
 *     truncated tail that leaves the world unchanged cannot be told from a shorter run
 * @param authority the authority input for R2.6; without it the authority check is skipped
 */
public record ReplayOptions(Mode mode, Set<String> compilerVersions, Set<Hash32> policySets,
    Set<PublicKey> signers, Optional<Hash32> worldHash, Optional<Hash32> head,
    Optional<AuthorityInput> authority) {

  /** What replay does after a violation (R2). */
  public enum Mode {
    /** Stop at the first violation; the report holds exactly one. */
    FAIL_FAST,
    /**
     * Check every entry and report every violation. After a structural break the replay goes on:
     * a later entry's parent is checked against the <em>stored</em> id of the entry before it (so
     * one changed entry gives one hash violation, not a cascade); an entry whose bytes are not
     * canonical or whose id does not match is still read and checked as stored; an entry that
     * cannot be read at all is skipped (its successor's parent is then checked against its stored
     * id when that could be read, else not at all); every commit whose delta applies is folded.
     * Later violations may still be consequences of an earlier one; the first is the cause.
     */
    COLLECT_ALL
  }

  /** Copies the sets; checks for {@code null}. */
  public ReplayOptions {
    Objects.requireNonNull(mode, "mode");
    compilerVersions = Set.copyOf(compilerVersions);
    policySets = Set.copyOf(policySets);
    signers = Set.copyOf(signers);
    Objects.requireNonNull(worldHash, "worldHash");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(authority, "authority");
  }

  /** Fail-fast, nothing pinned, no authority input. */
  public static ReplayOptions defaults() {
    return new ReplayOptions(Mode.FAIL_FAST, Set.of(), Set.of(), Set.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** This configuration in collect-all mode. */
  public ReplayOptions collectAll() {
    return new ReplayOptions(Mode.COLLECT_ALL, compilerVersions, policySets, signers, worldHash,
        head, authority);
  }

  /** This configuration in fail-fast mode. */
  public ReplayOptions failFast() {
    return new ReplayOptions(Mode.FAIL_FAST, compilerVersions, policySets, signers, worldHash,
        head, authority);
  }

  /** Pins the compiler versions outcome entries may carry (R3). */
  public ReplayOptions pinCompilerVersions(String... versions) {
    return new ReplayOptions(mode, Set.of(versions), policySets, signers, worldHash, head,
        authority);
  }

  /** Pins the policy-set hashes entries may record (R3, P4). */
  public ReplayOptions pinPolicySets(Hash32... sets) {
    return new ReplayOptions(mode, compilerVersions, Set.of(sets), signers, worldHash, head,
        authority);
  }

  /** Pins the runtime keys every entry must be signed by (R2.4, R3). */
  public ReplayOptions pinSigners(PublicKey... keys) {
    return new ReplayOptions(mode, compilerVersions, policySets, Set.copyOf(Arrays.asList(keys)),
        worldHash, head, authority);
  }

  /** Pins the world hash expected at the end (R3, R4). */
  public ReplayOptions pinWorldHash(Hash32 hash) {
    return new ReplayOptions(mode, compilerVersions, policySets, signers, Optional.of(hash),
        head, authority);
  }

  /**
   * Pins the id of the last entry (for example a checkpoint's {@code head_entry_id}, A4), so a
   * removed tail is detected (I4). An extension of the pins of R3.
   */
  public ReplayOptions pinHead(Hash32 headEntryId) {
    return new ReplayOptions(mode, compilerVersions, policySets, signers, worldHash,
        Optional.of(headEntryId), authority);
  }

  /** Supplies the authority input, enabling the authority check (R2.6). */
  public ReplayOptions withAuthority(AuthorityInput input) {
    return new ReplayOptions(mode, compilerVersions, policySets, signers, worldHash,
        head, Optional.of(input));
  }
}
