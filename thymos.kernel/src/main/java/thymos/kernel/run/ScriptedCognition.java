package thymos.kernel.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.crypto.Nonce;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.StrictObject;
import thymos.api.model.Intent;
import thymos.api.model.IntentBody;
import thymos.api.model.IntentKind;
import thymos.api.spi.Cognition;
import thymos.api.spi.CognitionContext;
import thymos.api.spi.CognitionStep;

/**
 * Cognition that replays a JSON script of steps (X10.3): deterministic, for the command line,
 * examples and tests. The script, read strictly (E1.5):
 *
 * <pre>{@code
 * { "author": "scripted",                       // optional; the intents' author
 *   "provider": "scripted", "model": "script",   // optional; named in usage entries
 *   "steps": [
 *     { "intents": [ { "tool": "kv_put", "args": {"key": "a", "value": 1},
 *                      "rationale": "why", "kind": "act" } ],   // kind and rationale optional
 *       "usage": { "input_tokens": 120, "output_tokens": 40, "usd_millicents": 3 },
 *       "final_answer": "text" } ],
 *   "children": { "<task>": { "steps": [ … ] } } } // optional; scripts for delegated children
 * }</pre>
 *
 * <p>A {@code delegate} intent (kind {@code delegate}, tool {@code delegate}, args {@code {task,
 * …}}, 09 §D1) starts a child trajectory; {@link #child(String)} answers with the script under
 * {@code children.<task>} (read with the same rules, and itself may have children), which the
 * agent loop runs in the child.
 *
 * Step {@code n} of the loop plays script step {@code n}; past the end of the script every step
 * answers with an empty final answer. Each intent names the run's trajectory, {@code based_on} the
 * head the step saw, and a nonce derived from (trajectory id, step, index), so the same script on
 * the same trajectory proposes the same intents and a replayed script never collides with itself.
 */
public final class ScriptedCognition implements Cognition {

  private static final byte[] NONCE_TAG =
      "thymos/v1/scripted-nonce\0".getBytes(StandardCharsets.US_ASCII);

  private final String author;
  private final String provider;
  private final String model;
  private final List<Step> steps;
  private final Map<String, ScriptedCognition> children;

  private record ScriptedIntent(IntentKind kind, String tool, thymos.api.json.JsonObject args,
      Optional<String> rationale) {}

  private record Step(List<ScriptedIntent> intents, Optional<CognitionStep.Usage> usage,
      Optional<String> finalAnswer) {}

  private ScriptedCognition(String author, String provider, String model, List<Step> steps,
      Map<String, ScriptedCognition> children) {
    this.author = author;
    this.provider = provider;
    this.model = model;
    this.steps = List.copyOf(steps);
    this.children = Map.copyOf(children);
  }

  /**
   * Reads a script (E1.2 text, E1.5 strictness).
   *
   * @throws thymos.api.ProtocolViolation naming the JSON pointer of what is wrong
   */
  public static ScriptedCognition parse(String scriptJson) {
    return fromJson(Json.parse(scriptJson));
  }

  /**
   * Reads a parsed script strictly (E1.5).
   *
   * @throws thymos.api.ProtocolViolation naming the JSON pointer of what is wrong
   */
  public static ScriptedCognition fromJson(Json script) {
    return fromJson(script, "", 0);
  }

  /** Child scripts nest at most this deep (a script is finite; this keeps the reader bounded). */
  private static final int MAX_NESTING = 64;

  private static ScriptedCognition fromJson(Json script, String at, int nesting) {
    StrictObject o = StrictObject.of(script, at);
    String author = o.optString("author").orElse("scripted");
    String provider = o.optString("provider").orElse("scripted");
    String model = o.optString("model").orElse("script");
    JsonArray stepArray = o.array("steps");
    Map<String, ScriptedCognition> children = new TreeMap<>();
    if (o.has("children")) {
      String childrenAt = o.pointer("children");
      thymos.api.json.JsonObject c = o.object("children");
      if (nesting >= MAX_NESTING) {
        throw new thymos.api.ProtocolViolation("X10.3", childrenAt,
            "child scripts nest deeper than " + MAX_NESTING);
      }
      c.members().forEach((task, child) -> children.put(task,
          fromJson(child, StrictObject.child(childrenAt, task), nesting + 1)));
    }
    o.end();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < stepArray.size(); i++) {
      steps.add(step(stepArray.get(i), StrictObject.child(o.pointer("steps"), i), provider, model));
    }
    return new ScriptedCognition(author, provider, model, steps, children);
  }


  private static Step step(Json json, String at, String provider, String model) {
    StrictObject s = StrictObject.of(json, at);
    List<ScriptedIntent> intents = new ArrayList<>();
    if (s.has("intents")) {
      JsonArray array = s.array("intents");
      for (int i = 0; i < array.size(); i++) {
        StrictObject in = StrictObject.of(array.get(i), StrictObject.child(s.pointer("intents"),
            i));
        IntentKind kind = in.optValue("kind")
            .map(k -> IntentKind.fromJson(k, in.pointer("kind"))).orElse(IntentKind.ACT);
        intents.add(new ScriptedIntent(kind, in.string("tool"), in.object("args"),
            in.optString("rationale")));
        in.end();
      }
    }
    Optional<CognitionStep.Usage> usage = Optional.empty();
    if (s.has("usage")) {
      StrictObject u = s.nested("usage");
      usage = Optional.of(new CognitionStep.Usage(provider, model, u.nonNegative("input_tokens"),
          u.nonNegative("output_tokens"), u.optNonNegative("usd_millicents").orElse(0L)));
      u.end();
    }
    Optional<String> answer = s.optString("final_answer");
    s.end();
    return new Step(intents, usage, answer);
  }

  /** The script under {@code children.<task>}, if the script has one (09 §D1). */
  @Override
  public Optional<thymos.api.spi.Cognition> child(String task) {
    return Optional.ofNullable(children.get(Objects.requireNonNull(task, "task")));
  }

  /** The number of scripted steps. */
  public int size() {
    return steps.size();
  }

  @Override
  public CognitionStep step(CognitionContext context) {
    Objects.requireNonNull(context, "context");
    if (context.step() >= steps.size()) {
      return CognitionStep.answer("");
    }
    Step s = steps.get((int) context.step());
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < s.intents().size(); i++) {
      ScriptedIntent si = s.intents().get(i);
      intents.add(Intent.of(new IntentBody(context.trajectoryId(), si.kind(), si.tool(),
          si.args(), author, si.rationale(), Optional.of(context.headId()),
          nonce(context.trajectoryId(), context.step(), i))));
    }
    return new CognitionStep(intents, s.usage(), s.finalAnswer());
  }

  /** The first 16 bytes of BLAKE3(tag ‖ trajectory ‖ step ‖ index): unique per intent slot. */
  static Nonce nonce(Hash32 trajectoryId, long step, int index) {
    ByteBuffer b = ByteBuffer.allocate(NONCE_TAG.length + Hash32.LENGTH + 12);
    b.put(NONCE_TAG).put(trajectoryId.bytes()).putLong(step).putInt(index);
    byte[] digest = Ids.blake3(b.array()).bytes();
    return Nonce.of(java.util.Arrays.copyOf(digest, Nonce.LENGTH));
  }

  @Override
  public String toString() {
    return "ScriptedCognition[" + steps.size() + " steps, author " + author + ", " + provider
        + ":" + model + "]";
  }
}
