package thymos.kernel.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import thymos.api.ProtocolViolation;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.model.Budget;
import thymos.api.model.ResourceKey;
import thymos.api.model.ResourceState;
import thymos.api.model.Scopes;
import thymos.api.spi.PolicyContext;

/**
 * A field of the policy language (P6.3), parsed once at load time. The grammar is closed: a field
 * outside it is a load error ({@code THY-P603}).
 *
 * <ul>
 *   <li>{@code intent.tool}, {@code intent.kind}, {@code intent.author}, {@code writ.tenant},
 *       {@code writ.subject}, {@code writ.issuer}, {@code writ.id}, {@code proposal.effect},
 *       {@code proposal.risk}: strings, always present;
 *   <li>{@code proposal.estimate.<dimension>}, {@code trajectory.commits}, {@code
 *       trajectory.tool_calls.<tool>} (0 for a tool never committed): integers, always present;
 *   <li>{@code world.<kind>.<id>.version}: an integer, absent when the resource is;
 *   <li>{@code intent.args.<path>}, {@code world.<kind>.<id>}: free-form values, absent when the
 *       member, element or (live) resource is. A path is dot-separated member names, each followed
 *       by any number of {@code [n]} array indexes ({@code items[0].price}, {@code m[1][2]}).
 * </ul>
 *
 * <p>{@code world.<kind>.<id>}: {@code kind} runs to the first dot after {@code world.}, the id
 * is the rest; a rest ending in {@code .version} names the version of the id before it.
 *
 * @param text the field as written
 * @param source where the value comes from
 * @param type what the value is: {@link Type#STRING}, {@link Type#INTEGER} or free-form
 * @param name the tool, dimension or resource kind the field names, if any
 * @param id the resource id of a world field, if any
 * @param path the steps into args, for {@code intent.args.<path>}
 */
record Field(String text, Source source, Type type, String name, String id, List<Step> path) {

  /** Where a field's value comes from. */
  enum Source {
    INTENT_TOOL, INTENT_KIND, INTENT_AUTHOR, INTENT_ARGS, WRIT_TENANT, WRIT_SUBJECT, WRIT_ISSUER,
    WRIT_ID, PROPOSAL_EFFECT, PROPOSAL_RISK, PROPOSAL_ESTIMATE, WORLD_VALUE, WORLD_VERSION,
    TRAJECTORY_COMMITS, TRAJECTORY_TOOL_CALLS
  }

  /** The static type of a field: what a literal compared with it must be (P6.5). */
  enum Type { STRING, INTEGER, FREE }

  /** One step of an args path: a member name or an array index. */
  record Step(String member, int index) {
    boolean isIndex() {
      return member == null;
    }
  }

  Field {
    path = List.copyOf(path);
  }

  /**
   * Parses a field (P6.3).
   *
   * @param at the JSON pointer of the field's string, for the error
   * @throws ProtocolViolation ({@code THY-P603}) for a field outside the grammar
   */
  static Field parse(String text, String at) {
    Source simple = switch (text) {
      case "intent.tool" -> Source.INTENT_TOOL;
      case "intent.kind" -> Source.INTENT_KIND;
      case "intent.author" -> Source.INTENT_AUTHOR;
      case "writ.tenant" -> Source.WRIT_TENANT;
      case "writ.subject" -> Source.WRIT_SUBJECT;
      case "writ.issuer" -> Source.WRIT_ISSUER;
      case "writ.id" -> Source.WRIT_ID;
      case "proposal.effect" -> Source.PROPOSAL_EFFECT;
      case "proposal.risk" -> Source.PROPOSAL_RISK;
      case "trajectory.commits" -> Source.TRAJECTORY_COMMITS;
      default -> null;
    };
    if (simple != null) {
      Type type = simple == Source.TRAJECTORY_COMMITS ? Type.INTEGER : Type.STRING;
      return new Field(text, simple, type, null, null, List.of());
    }
    if (text.startsWith("intent.args.")) {
      return new Field(text, Source.INTENT_ARGS, Type.FREE, null, null,
          steps(text, text.substring("intent.args.".length()), at));
    }
    if (text.startsWith("proposal.estimate.")) {
      String dim = text.substring("proposal.estimate.".length());
      if (!Budget.DIMENSIONS.contains(dim)) {
        throw unknown(text, at, "proposal.estimate.<dimension> names one of "
            + Budget.DIMENSIONS);
      }
      return new Field(text, Source.PROPOSAL_ESTIMATE, Type.INTEGER, dim, null, List.of());
    }
    if (text.startsWith("trajectory.tool_calls.")) {
      String tool = text.substring("trajectory.tool_calls.".length());
      if (!Scopes.isValid(tool) || Scopes.isPrefix(tool)) {
        throw unknown(text, at, "trajectory.tool_calls.<tool> names a tool [a-z][a-z0-9_.-]*");
      }
      return new Field(text, Source.TRAJECTORY_TOOL_CALLS, Type.INTEGER, tool, null, List.of());
    }
    if (text.startsWith("world.")) {
      String rest = text.substring("world.".length());
      int dot = rest.indexOf('.');
      if (dot <= 0 || dot == rest.length() - 1) {
        throw unknown(text, at, "world fields are world.<kind>.<id> or world.<kind>.<id>.version");
      }
      String kind = rest.substring(0, dot);
      String id = rest.substring(dot + 1);
      if (id.endsWith(".version") && id.length() > ".version".length()) {
        return new Field(text, Source.WORLD_VERSION, Type.INTEGER, kind,
            id.substring(0, id.length() - ".version".length()), List.of());
      }
      return new Field(text, Source.WORLD_VALUE, Type.FREE, kind, id, List.of());
    }
    throw unknown(text, at, "expected intent.tool, intent.kind, intent.author, intent.args.<path>,"
        + " writ.tenant, writ.subject, writ.issuer, writ.id, proposal.effect, proposal.risk,"
        + " proposal.estimate.<dimension>, world.<kind>.<id>, world.<kind>.<id>.version,"
        + " trajectory.commits or trajectory.tool_calls.<tool>");
  }

  private static List<Step> steps(String text, String path, String at) {
    List<Step> steps = new ArrayList<>();
    for (String segment : path.split("\\.", -1)) {
      int bracket = segment.indexOf('[');
      String member = bracket < 0 ? segment : segment.substring(0, bracket);
      if (member.isEmpty() || member.indexOf(']') >= 0) {
        throw unknown(text, at, "an args path is member names separated by dots, each followed by"
            + " optional [n] indexes");
      }
      steps.add(new Step(member, 0));
      String indexes = bracket < 0 ? "" : segment.substring(bracket);
      while (!indexes.isEmpty()) {
        int close = indexes.indexOf(']');
        String digits = close < 0 ? "" : indexes.substring(1, close);
        if (!indexes.startsWith("[") || !digits.matches("0|[1-9][0-9]{0,8}")) {
          throw unknown(text, at, "an array index is [n] with n a decimal integer without"
              + " leading zeros");
        }
        steps.add(new Step(null, Integer.parseInt(digits)));
        indexes = indexes.substring(close + 1);
      }
    }
    return steps;
  }

  private static ProtocolViolation unknown(String text, String at, String expected) {
    return new ProtocolViolation("P6.3", at, "unknown field \"" + text + "\": " + expected);
  }

  /** The field's value in {@code c}; empty when it is absent (P6.4). */
  Optional<Json> resolve(PolicyContext c) {
    return switch (source) {
      case INTENT_TOOL -> Optional.of(Json.string(c.intent().body().tool()));
      case INTENT_KIND -> Optional.of(c.intent().body().kind().toJson());
      case INTENT_AUTHOR -> Optional.of(Json.string(c.intent().body().author()));
      case INTENT_ARGS -> walk(c.intent().body().args());
      case WRIT_TENANT -> Optional.of(Json.string(c.leaf().body().tenant()));
      case WRIT_SUBJECT -> Optional.of(Json.string(c.leaf().body().subject()));
      case WRIT_ISSUER -> Optional.of(Json.string(c.leaf().body().issuer()));
      case WRIT_ID -> Optional.of(c.leaf().id().toJson());
      case PROPOSAL_EFFECT -> Optional.of(c.proposal().effect().toJson());
      case PROPOSAL_RISK -> Optional.of(c.proposal().risk().toJson());
      case PROPOSAL_ESTIMATE ->
          Optional.of(Json.integer(c.proposal().estimate().get(Budget.DIMENSIONS.indexOf(name))));
      case WORLD_VALUE -> resource(c).map(ResourceState::value);
      case WORLD_VERSION -> resource(c).map(r -> Json.integer(r.version()));
      case TRAJECTORY_COMMITS -> Optional.of(Json.integer(c.trajectory().commits()));
      case TRAJECTORY_TOOL_CALLS -> Optional.of(Json.integer(c.trajectory().toolCalls(name)));
    };
  }

  private Optional<ResourceState> resource(PolicyContext c) {
    return c.world().get(new ResourceKey(name, id)); // hides retracted resources (M5.2)
  }

  private Optional<Json> walk(JsonObject args) {
    Json current = args;
    for (Step s : path) {
      if (s.isIndex()) {
        if (!(current instanceof JsonArray a) || s.index() >= a.size()) {
          return Optional.empty();
        }
        current = a.get(s.index());
      } else {
        if (!(current instanceof JsonObject o)) {
          return Optional.empty();
        }
        Optional<Json> next = o.get(s.member());
        if (next.isEmpty()) {
          return Optional.empty();
        }
        current = next.get();
      }
    }
    return Optional.of(current);
  }
}
