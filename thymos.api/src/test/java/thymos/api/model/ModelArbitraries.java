package thymos.api.model;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Nonce;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonNumber;
import thymos.api.json.JsonObject;

/** jqwik generators for the model records (test-only). */
final class ModelArbitraries {

  private ModelArbitraries() {}

  static Arbitrary<byte[]> bytes(int n) {
    return Arbitraries.bytes().array(byte[].class).ofSize(n);
  }

  static Arbitrary<Hash32> hash() {
    return bytes(Hash32.LENGTH).map(Hash32::of);
  }

  static Arbitrary<Nonce> nonce() {
    return bytes(Nonce.LENGTH).map(Nonce::of);
  }

  static Arbitrary<PublicKey> key() {
    return bytes(PublicKey.LENGTH).map(PublicKey::of);
  }

  static Arbitrary<Signature> signature() {
    return bytes(Signature.LENGTH).map(Signature::of);
  }

  /** Short text, including non-ASCII and characters JSON escapes. */
  static Arbitrary<String> text() {
    return Arbitraries.strings().alpha().numeric().withChars("_-. é\"\\\n/€")
        .ofMaxLength(8);
  }

  static Arbitrary<Long> nat() {
    return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000),
        Arbitraries.longs().between(0, JsonNumber.MAX_SAFE_INTEGER));
  }

  static <T> Arbitrary<Optional<T>> opt(Arbitrary<T> a) {
    return a.optional(0.5);
  }

  /** Free-form I-JSON values up to {@code depth} levels of nesting (E1.3: any number). */
  static Arbitrary<Json> json(int depth) {
    Arbitrary<Json> leaf = Arbitraries.oneOf(
        Arbitraries.longs().between(-JsonNumber.MAX_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER)
            .map(Json::integer),
        Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(JsonNumber::new),
        text().map(Json::string),
        Arbitraries.of(true, false).map(Json::bool),
        Arbitraries.just(Json.nullValue()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Json> inner = json(depth - 1);
    return Arbitraries.oneOf(leaf, inner.list().ofMaxSize(3).map(Json::array),
        object(inner).map(o -> (Json) o));
  }

  static Arbitrary<JsonObject> object(Arbitrary<Json> values) {
    return Arbitraries.maps(text(), values).ofMaxSize(3).map(Json::object);
  }

  static Arbitrary<JsonObject> args() {
    return object(json(1));
  }

  static Arbitrary<Budget> budget() {
    return Combinators.combine(nat(), nat(), nat(), nat()).as(Budget::new);
  }

  static Arbitrary<IntentBody> intentBody() {
    return Combinators.combine(hash(), Arbitraries.of(IntentKind.class), text(), args(), text(),
        opt(text()), opt(hash()), nonce()).as(IntentBody::new);
  }

  static Arbitrary<Decision> decision() {
    return Arbitraries.oneOf(Arbitraries.just(Decision.Permit.INSTANCE),
        text().map(Decision.Deny::new),
        Combinators.combine(text(), text(), opt(Arbitraries.longs().between(1, 9)))
            .as(Decision.RequireApproval::new));
  }

  static Arbitrary<PolicyTrace> policyTrace() {
    Arbitrary<PolicyTrace.Evaluation> eval = Combinators.combine(text(), text(), opt(text()),
        decision()).as(PolicyTrace.Evaluation::new);
    return Combinators.combine(hash(), eval.list().ofMaxSize(3), decision())
        .as(PolicyTrace::new);
  }

  static Arbitrary<ProposalStatus> status() {
    return Arbitraries.oneOf(Arbitraries.just(ProposalStatus.Staged.INSTANCE),
        Combinators.combine(text(), text(), Arbitraries.longs().between(1, 5))
            .as(ProposalStatus.Suspended::new));
  }

  static Arbitrary<ProposalBody> proposalBody() {
    return Combinators.combine(hash(), hash(), hash(), text(), text(),
            Arbitraries.of(EffectClass.class), Arbitraries.of(RiskClass.class), args())
        .flatAs((i, w, t, tool, v, e, r, a) -> Combinators.combine(budget(), policyTrace(),
            status()).as((b, p, s) -> new ProposalBody(i, w, t, tool, v, e, r, a, b, p, s)));
  }

  static Arbitrary<Proposal> proposal() {
    // Arbitrary ids, not content ids: the record does not force the match (X8.3).
    return Combinators.combine(hash(), proposalBody()).as(Proposal::new);
  }

  /** Keys from a small space, so deltas often hit the same resource. */
  static Arbitrary<ResourceKey> resourceKey(int ids) {
    return Combinators.combine(Arbitraries.of("a", "b", "file"),
        Arbitraries.integers().between(0, ids - 1).map(i -> "r" + i)).as(ResourceKey::new);
  }

  static Arbitrary<DeltaOp> op() {
    Arbitrary<ResourceKey> k = resourceKey(4);
    Arbitrary<Long> v = Arbitraries.longs().between(1, 4);
    return Arbitraries.oneOf(
        Combinators.combine(k, json(1)).as(DeltaOp.Create::new),
        Combinators.combine(k, v, json(1)).as(DeltaOp.Replace::new),
        Combinators.combine(k, v, text()).as(DeltaOp.Retract::new));
  }

  static Arbitrary<Delta> delta() {
    return op().list().ofMaxSize(4).map(Delta::new);
  }

  static Arbitrary<Observation> observation() {
    return Combinators.combine(text(), json(2), nat(), opt(Arbitraries.of(true, false)),
        opt(nat())).as(Observation::new);
  }

  static Arbitrary<RoutingEvidence> routing() {
    Arbitrary<String> name = text().filter(s -> !s.isEmpty()); // X9.1: names are non-empty
    Arbitrary<RoutingEvidence.Fallback> fb = Combinators.combine(name, opt(text()), text())
        .as(RoutingEvidence.Fallback::new);
    return Combinators.combine(name, name, text().list().ofMaxSize(3),
        Arbitraries.longs().between(0, 10_000), text().list().ofMaxSize(3), nat(), nat(),
        opt(fb)).as(RoutingEvidence::new);
  }

  static Arbitrary<Payload> payload() {
    return Arbitraries.oneOf(List.of(root(), branch(), commit(), rejection(), pending(),
        approval(), execution(), failure(), usage(), delegation(), delegationResult(),
        compensation(), revocation(), checkpoint()));
  }

  static Arbitrary<Payload> root() {
    Arbitrary<EntryRef> ref = Combinators.combine(hash(), hash()).as(EntryRef::new);
    return Arbitraries.oneOf(
        Combinators.combine(hash(), text(), opt(ref))
            .as((w, n, f) -> new RootPayload(Optional.of(w), Optional.empty(), n, f)),
        Combinators.combine(Arbitraries.of("authority", "anchors"), text())
            .as(RootPayload::system));
  }

  static Arbitrary<Payload> branch() {
    return Combinators.combine(hash(), hash(), hash(), text()).as(BranchPayload::new);
  }

  static Arbitrary<Payload> commit() {
    return Combinators.combine(intentBody(), hash(), Arbitraries.of(true, false), proposal(),
            delta(), observation().list().ofMaxSize(2), budget(), text())
        .flatAs((i, id, red, p, d, obs, cost, cv) -> Combinators.combine(
                hash().list().ofMaxSize(2), opt(hash()), opt(routing()))
            .as((ap, comp, re) -> new CommitPayload(i, id, red, p, d, obs, cost, cv, ap, comp,
                re)));
  }

  static Arbitrary<Payload> rejection() {
    Arbitrary<RejectionReason> reason = Combinators.combine(text(), text(), args())
        .as(RejectionReason::new);
    return Combinators.combine(intentBody(), hash(), Arbitraries.of(true, false), reason,
            opt(hash()), hash(), opt(policyTrace()), text())
        .flatAs((i, id, red, r, pid, ps, pt, cv) -> opt(routing())
            .map(re -> new RejectionPayload(i, id, red, r, pid, ps, pt, cv, re)));
  }

  static Arbitrary<Payload> pending() {
    return Combinators.combine(intentBody(), hash(), Arbitraries.of(true, false), proposal(),
            text(), text(), Arbitraries.longs().between(1, 5), key().list().ofMaxSize(3))
        .flatAs((i, id, red, p, ch, r, q, ks) -> Combinators.combine(opt(nat()), text(),
                opt(routing()))
            .as((exp, cv, re) -> new PendingApprovalPayload(i, id, red, p, ch, r, q, ks, exp, cv,
                re)));
  }

  static Arbitrary<Payload> approval() {
    return Combinators.combine(hash(), Arbitraries.of(ApprovalPayload.Vote.class), key(),
        opt(text()), signature()).as(ApprovalPayload::new);
  }

  static Arbitrary<Payload> execution() {
    return Combinators.combine(hash(), hash()).as(ExecutionPayload::new);
  }

  static Arbitrary<Payload> failure() {
    return Combinators.combine(intentBody(), hash(), Arbitraries.of(true, false), opt(hash()),
        Combinators.combine(text(), text()).as(ErrorInfo::new), text()).as(FailurePayload::new);
  }

  static Arbitrary<Payload> usage() {
    return Combinators.combine(text(), text(), nat(), nat(), nat(), nat()).as(UsagePayload::new);
  }

  static Arbitrary<Payload> delegation() {
    return Combinators.combine(hash(), hash(), text(), budget()).as(DelegationPayload::new);
  }

  static Arbitrary<Payload> delegationResult() {
    return Combinators.combine(hash(), hash(), Arbitraries.of("done", "max_steps"), opt(text()))
        .as(DelegationResultPayload::new);
  }

  static Arbitrary<Payload> compensation() {
    return Combinators.combine(hash(),
        Combinators.combine(hash(), hash()).as(EntryRef::new).list().ofMaxSize(3))
        .as(CompensationPayload::new);
  }

  static Arbitrary<Payload> revocation() {
    return Combinators.combine(hash(), text(), key(), signature()).as(RevocationPayload::new);
  }

  static Arbitrary<Payload> checkpoint() {
    return Combinators.combine(hash(), Arbitraries.longs().between(1, 1 << 20), hash(), hash(),
        nat(), key(), signature()).as(Checkpoint::new).map(CheckpointPayload::new);
  }
}
