package thymos.kernel.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.kernel.authority.AuthorityLedger;
import thymos.ledger.spi.PageRequest;

/** X8: everything persisted is redacted before it is hashed; ids stay the original ones. */
class RedactionRunTest {

  private static final String API_KEY = "sk-proj-Zr4nd0mS3cr3tV4lu3Xq9LmN0pQ7rS";
  private static final String BEARER = "Bearer abc.def.ghi";

  private final RunFixture f = new RunFixture();

  /** Every byte of every stored entry of every trajectory, as text. */
  private String everything() {
    StringBuilder all = new StringBuilder();
    List<thymos.api.crypto.Hash32> ids = new ArrayList<>();
    var page = f.ledger.trajectories(PageRequest.first(1_000));
    ids.addAll(page.items());
    assertTrue(ids.contains(AuthorityLedger.TRAJECTORY_ID));
    for (var id : ids) {
      f.bytes(id).forEach(b -> all.append(new String(b, StandardCharsets.UTF_8)).append('\n'));
    }
    return all.toString();
  }

  @Test
  @DisplayName("X8: {api_key, author, note: Bearer …} persists api_key and note redacted, author kept; no secret byte in the ledger")
  void acceptance() {
    Run run = f.open();
    String profile = "{\"api_key\":\"" + API_KEY + "\",\"author\":\"ann\",\"note\":\"" + BEARER
        + "\"}";
    Intent put = Intent.of(new IntentBody(run.trajectoryId(),
        thymos.api.model.IntentKind.ACT, "kv_put",
        (JsonObject) Json.parse("{\"key\":\"profile\",\"value\":" + profile + "}"), "scripted",
        Optional.of("use " + BEARER), Optional.empty(),
        thymos.api.crypto.Nonce.of(new byte[16])));
    Outcome.Committed c = assertInstanceOf(Outcome.Committed.class, run.submit(put));

    // The tool saw the real arguments; the ledger holds none of the secrets.
    assertTrue(f.put.seen.toString().contains(API_KEY));
    String ledger = everything();
    assertFalse(ledger.contains(API_KEY), "the api key reached the ledger");
    assertFalse(ledger.contains("abc.def.ghi"), "the bearer token reached the ledger");
    assertTrue(ledger.contains("\"author\":\"ann\""), "author must be kept");

    JsonObject storedValue = (JsonObject) c.payload().intent().args().get("value").orElseThrow();
    assertEquals(Json.string("[REDACTED:key]"), storedValue.get("api_key").orElseThrow());
    assertEquals(Json.string("ann"), storedValue.get("author").orElseThrow());
    assertTrue(((thymos.api.json.JsonString) storedValue.get("note").orElseThrow()).value()
        .startsWith("[REDACTED:"));
    assertTrue(c.payload().redacted());
    assertEquals(put.id(), c.payload().intentId(), "X8.3: the original intent id is kept");
    assertTrue(c.payload().observations().getFirst().redactionCount() > 0);
    assertTrue(f.replay(run.trajectoryId()).verified(), f.replay(run.trajectoryId())::toString);
    // X4 still recognises the intent by its original id.
    assertEquals(c, run.submit(put));
    assertEquals(1, f.put.invocations.get());
  }

  private Intent secretDrop(Run run) {
    return Intent.of(new IntentBody(run.trajectoryId(), thymos.api.model.IntentKind.ACT,
        "kv_drop", (JsonObject) Json.parse("{\"key\":\"k\",\"value\":1,\"api_key\":\""
            + API_KEY + "\"}"), "scripted", Optional.empty(), Optional.empty(),
        thymos.api.crypto.Nonce.of(new byte[16])));
  }

  @Test
  @DisplayName("X8.3: a redacted pending intent runs after approval with its original args, never with redacted ones")
  void redactedPendingIntent() {
    Run run = f.open();
    Intent drop = secretDrop(run);
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class, run.submit(drop));
    assertTrue(p.payload().redacted());
    assertFalse(everything().contains(API_KEY));
    var vote = f.vote(run, p.entry().id(), thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann);
    assertInstanceOf(Outcome.Committed.class, run.vote(vote).outcome());
    assertEquals(API_KEY, ((thymos.api.json.JsonString) f.drop.seen.get("api_key").orElseThrow())
        .value(), "the tool must get the original argument");
    assertFalse(everything().contains(API_KEY));
  }

  @Test
  @DisplayName("X8.3: after a restart a redacted pending intent needs resubmitting; otherwise approval fails args_unavailable")
  void redactedPendingAfterRestart() {
    Run run = f.open();
    Intent drop = secretDrop(run);
    Outcome.Pending p = assertInstanceOf(Outcome.Pending.class, run.submit(drop));
    var vote = f.vote(run, p.entry().id(), thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann);

    f.reopen();
    Run resumed = f.kernel.resume(run.trajectoryId());
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class,
        resumed.vote(vote).outcome());
    assertEquals("args_unavailable", failed.payload().error().kind());
    assertEquals(0, f.drop.invocations.get());

    Run other = f.rewritAndOpen();
    Intent second = secretDrop(other);
    Outcome.Pending p2 = assertInstanceOf(Outcome.Pending.class, other.submit(second));
    f.reopen();
    Run again = f.kernel.resume(other.trajectoryId());
    assertEquals(p2, again.submit(second)); // X4: recorded outcome; the original is kept
    var vote2 = f.vote(again, p2.entry().id(),
        thymos.api.model.ApprovalPayload.Vote.APPROVE, f.ann);
    assertInstanceOf(Outcome.Committed.class, again.vote(vote2).outcome());
    assertEquals(1, f.drop.invocations.get());
    assertFalse(everything().contains(API_KEY));
  }
}
