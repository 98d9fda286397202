package thymos.kernel.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Delta;
import thymos.api.model.DeltaOp;
import thymos.api.model.IntentBody;
import thymos.api.model.Proposal;
import thymos.api.model.ProposalBody;
import thymos.api.model.RejectionReason;
import thymos.api.model.RoutingEvidence;
import thymos.kernel.redaction.Redacted;
import thymos.kernel.redaction.Redactor;

/**
 * Applies the redactor to what a run persists (X8.1), before it is hashed: the intent's args and
 * rationale, the proposal's args, tool outputs and deltas, failure and rejection texts, routing
 * evidence. Redacted intents and proposals keep their original ids (X8.3).
 */
final class Redaction {

  private final Redactor redactor;

  Redaction(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * An intent body as stored: args and rationale redacted.
   *
   * @param body the stored body
   * @param redacted whether anything was replaced; the entry is then marked {@code redacted}
   */
  record StoredIntent(IntentBody body, boolean redacted) {}

  StoredIntent intent(IntentBody body) {
    Redacted<JsonObject> args = redactor.redact(body.args());
    Optional<Redacted<String>> rationale = body.rationale().map(redactor::redactText);
    boolean changed = args.changed() || rationale.map(Redacted::changed).orElse(false);
    if (!changed) {
      return new StoredIntent(body, false);
    }
    return new StoredIntent(new IntentBody(body.trajectoryId(), body.kind(), body.tool(),
        args.value(), body.author(), rationale.map(Redacted::value), body.basedOn(),
        body.nonce()), true);
  }

  /** The proposal as stored: its args redacted, its id kept (X8.3). */
  Proposal proposal(Proposal proposal) {
    ProposalBody b = proposal.body();
    Redacted<JsonObject> args = redactor.redact(b.args());
    if (!args.changed()) {
      return proposal;
    }
    return new Proposal(proposal.id(), new ProposalBody(b.intentId(), b.writId(),
        b.trajectoryId(), b.tool(), b.toolVersion(), b.effect(), b.risk(), args.value(),
        b.estimate(), b.policyTrace(), b.status()));
  }

  Redacted<Json> value(Json value) {
    return redactor.redact(value);
  }

  String text(String text) {
    return redactor.redactText(text).value();
  }

  RejectionReason reason(RejectionReason r) {
    return new RejectionReason(r.kind(), text(r.message()), redactor.redact(r.detail()).value());
  }

  /**
   * Routing evidence with every text member redacted (X8, X9.1): the decision hash, the selection,
   * each alternative and reason code, and the fallback's provider, model and reason. Numbers are
   * kept: redacting by member name would turn {@code cost_estimate_millicents} into a string.
   */
  Optional<RoutingEvidence> evidence(Optional<RoutingEvidence> evidence) {
    return evidence.map(e -> new RoutingEvidence(text(e.decisionHash()), text(e.selected()),
        e.alternatives().stream().map(this::text).toList(), e.confidenceBps(),
        e.reasonCodes().stream().map(this::text).toList(), e.latencyEstimateMs(),
        e.costEstimateMillicents(), e.fallback().map(f -> new RoutingEvidence.Fallback(
            text(f.provider()), f.model().map(this::text), text(f.reason())))));
  }

  /** A delta with every value and retraction reason redacted, and how many values were hit. */
  Redacted<Delta> delta(Delta delta) {
    List<DeltaOp> ops = new ArrayList<>(delta.ops().size());
    int count = 0;
    for (DeltaOp op : delta.ops()) {
      switch (op) {
        case DeltaOp.Create c -> {
          Redacted<Json> v = redactor.redact(c.value());
          count += v.count();
          ops.add(new DeltaOp.Create(c.key(), v.value()));
        }
        case DeltaOp.Replace r -> {
          Redacted<Json> v = redactor.redact(r.value());
          count += v.count();
          ops.add(new DeltaOp.Replace(r.key(), r.expectedVersion(), v.value()));
        }
        case DeltaOp.Retract r -> {
          Redacted<String> reason = redactor.redactText(r.reason());
          count += reason.count();
          ops.add(new DeltaOp.Retract(r.key(), r.expectedVersion(), reason.value()));
        }
      }
    }
    return new Redacted<>(count == 0 ? delta : new Delta(ops), count);
  }
}
