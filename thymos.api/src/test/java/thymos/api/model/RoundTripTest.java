package thymos.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import thymos.api.json.Json;

/**
 * fromJson(toJson(x)) == x for every record family, both on the value tree and through canonical
 * text (E1.1), so the JSON form carries exactly the record's content.
 */
class RoundTripTest {

  private static <T> void roundTrips(T x, Function<T, Json> write,
      BiFunction<Json, String, T> read) {
    Json json = write.apply(x);
    assertEquals(x, read.apply(json, ""));
    assertEquals(x, read.apply(Json.parse(json.canonicalBytes()), ""));
    assertEquals(json, write.apply(read.apply(json, "")));
  }

  @Provide
  Arbitrary<IntentBody> intents() {
    return ModelArbitraries.intentBody();
  }

  @Property
  void intentBodyRoundTrips(@ForAll("intents") IntentBody b) {
    roundTrips(b, IntentBody::toJson, IntentBody::fromJson);
    roundTrips(Intent.of(b), Intent::toJson, Intent::fromJson);
  }

  @Provide
  Arbitrary<Proposal> proposals() {
    return ModelArbitraries.proposal();
  }

  @Property(tries = 300)
  void proposalRoundTrips(@ForAll("proposals") Proposal p) {
    roundTrips(p, Proposal::toJson, Proposal::fromJson);
  }

  @Provide
  Arbitrary<PolicyTrace> traces() {
    return ModelArbitraries.policyTrace();
  }

  @Property
  void policyTraceRoundTrips(@ForAll("traces") PolicyTrace t) {
    roundTrips(t, PolicyTrace::toJson, PolicyTrace::fromJson);
  }

  @Provide
  Arbitrary<Delta> deltas() {
    return ModelArbitraries.delta();
  }

  @Property
  void deltaRoundTrips(@ForAll("deltas") Delta d) {
    roundTrips(d, Delta::toJson, Delta::fromJson);
  }

  @Provide
  Arbitrary<Observation> observations() {
    return ModelArbitraries.observation();
  }

  @Property
  void observationRoundTrips(@ForAll("observations") Observation o) {
    roundTrips(o, Observation::toJson, Observation::fromJson);
  }

  @Provide
  Arbitrary<RoutingEvidence> routings() {
    return ModelArbitraries.routing();
  }

  @Property
  void routingEvidenceRoundTrips(@ForAll("routings") RoutingEvidence r) {
    roundTrips(r, RoutingEvidence::toJson, RoutingEvidence::fromJson);
  }

  @Provide
  Arbitrary<Payload> payloads() {
    return ModelArbitraries.payload();
  }

  @Property(tries = 300)
  void required_L4_everyPayloadRoundTripsUnderItsKind(@ForAll("payloads") Payload p) {
    roundTrips(p, Payload::toJson, (json, at) -> Payload.fromJson(p.kind(), json, at));
  }

  @Provide
  Arbitrary<thymos.api.crypto.Hash32> hashes() {
    return ModelArbitraries.hash();
  }

  @Property(tries = 300)
  void required_L1_entryRoundTripsAndKeepsItsId(@ForAll("payloads") Payload p,
      @ForAll("hashes") thymos.api.crypto.Hash32 trajectory,
      @ForAll("hashes") thymos.api.crypto.Hash32 parent) {
    Entry e = Entry.create(trajectory, 3, java.util.Optional.of(parent), 1_700_000_000_000L, p);
    roundTrips(e, Entry::toJson, Entry::fromJson);
    assertEquals(e, Entry.parse(e.canonicalBytes()));
  }

  @Provide
  Arbitrary<World> worlds() {
    return ModelArbitraries.delta().list().ofMaxSize(6).map(ds -> {
      WorldBuilder b = new WorldBuilder();
      for (int i = 0; i < ds.size(); i++) {
        b.apply(ds.get(i), WorldPropertiesTest.entryId(i));
      }
      return b.build();
    });
  }

  @Property
  void required_R4_worldCanonicalFormRoundTrips(@ForAll("worlds") World w) {
    roundTrips(w, World::toJson, World::fromJson);
  }
}
