package thymos.kernel.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.model.CommitPayload;
import thymos.api.model.Entry;
import thymos.api.model.FailurePayload;
import thymos.api.model.PendingApprovalPayload;
import thymos.api.model.RejectionPayload;
import thymos.api.model.RoutingEvidence;
import thymos.kernel.routing.RoutingOutcome.Status;

/**
 * Derives routing outcomes from a trajectory after the fact, on request (X9.2: pull, never push).
 * Reads only the entries it is given; never touches a ledger, a router or a clock.
 *
 * <p>One {@link RoutingOutcome} per outcome entry that carried routing evidence (X9.1): a
 * {@code commit} is {@code committed}, a {@code rejection} {@code rejected}, a {@code
 * pending_approval} {@code suspended}. A {@code failure} entry has no {@code routing_evidence}
 * member (L4), so it is {@code failed} under the evidence last recorded for the same
 * {@code intent_id} (a suspension that was approved and then failed), and skipped when there is
 * none. Every other entry is skipped. Records are ordered by seq.
 */
public final class RoutingOutcomes {

  private RoutingOutcomes() {}

  /**
   * The routing outcomes of {@code entries}, which may come in any order.
   *
   * @return the records ordered by the seq of their outcome entry
   */
  public static List<RoutingOutcome> derive(Iterator<Entry> entries) {
    Objects.requireNonNull(entries, "entries");
    List<Entry> sorted = new ArrayList<>();
    entries.forEachRemaining(e -> sorted.add(Objects.requireNonNull(e, "entry")));
    sorted.sort(Comparator.comparingLong(Entry::seq));
    Map<Hash32, RoutingEvidence> byIntent = new HashMap<>();
    List<RoutingOutcome> out = new ArrayList<>();
    for (Entry e : sorted) {
      outcome(e, byIntent).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /** As {@link #derive(Iterator)} for a stream, which this consumes. */
  public static List<RoutingOutcome> derive(Stream<Entry> entries) {
    Objects.requireNonNull(entries, "entries");
    return derive(entries.iterator());
  }

  /** The records as a JSON array of {@link RoutingOutcome#toJson()}, in seq order. */
  public static JsonArray toJson(List<RoutingOutcome> outcomes) {
    List<Json> out = new ArrayList<>(outcomes.size());
    for (RoutingOutcome o : outcomes) {
      out.add(o.toJson());
    }
    return Json.array(out);
  }

  private static Optional<RoutingOutcome> outcome(Entry e, Map<Hash32, RoutingEvidence> byIntent) {
    return switch (e.payload()) {
      case CommitPayload c -> remember(byIntent, c.intentId(), c.routingEvidence())
          .map(r -> of(e, r, Status.COMMITTED, c.cost().wallClockMs()));
      case RejectionPayload r -> remember(byIntent, r.intentId(), r.routingEvidence())
          .map(ev -> of(e, ev, Status.REJECTED, 0));
      case PendingApprovalPayload p -> remember(byIntent, p.intentId(), p.routingEvidence())
          .map(ev -> of(e, ev, Status.SUSPENDED, 0));
      case FailurePayload f -> Optional.ofNullable(byIntent.get(f.intentId()))
          .map(ev -> of(e, ev, Status.FAILED, 0));
      default -> Optional.empty();
    };
  }

  private static Optional<RoutingEvidence> remember(Map<Hash32, RoutingEvidence> byIntent,
      Hash32 intentId, Optional<RoutingEvidence> evidence) {
    evidence.ifPresent(ev -> byIntent.put(intentId, ev));
    return evidence;
  }

  private static RoutingOutcome of(Entry e, RoutingEvidence ev, Status status, long latencyMs) {
    return new RoutingOutcome(e.seq(), ev.decisionHash(), ev.selected(), status, latencyMs);
  }
}
