package thymos.kernel.policy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.Decision;
import thymos.api.spi.Policy;
import thymos.api.spi.PolicyContext;

/** A test policy whose behaviour is a function; counts its evaluations. */
class FixedPolicy implements Policy {

  final String name;
  final String version;
  final Optional<String> rule;
  final Function<PolicyContext, Decision> behaviour;
  final AtomicInteger calls = new AtomicInteger();

  FixedPolicy(String name, String version, Optional<String> rule,
      Function<PolicyContext, Decision> behaviour) {
    this.name = name;
    this.version = version;
    this.rule = rule;
    this.behaviour = behaviour;
  }

  static FixedPolicy permit(String name) {
    return new FixedPolicy(name, "1", Optional.empty(), c -> Decision.Permit.INSTANCE);
  }

  static FixedPolicy deny(String name, String reason) {
    return new FixedPolicy(name, "1", Optional.empty(), c -> new Decision.Deny(reason));
  }

  static FixedPolicy approval(String name, String channel) {
    return new FixedPolicy(name, "1", Optional.empty(),
        c -> new Decision.RequireApproval(channel, "needs " + channel, Optional.empty()));
  }

  static FixedPolicy throwing(String name, RuntimeException e) {
    return new FixedPolicy(name, "1", Optional.empty(), c -> {
      throw e;
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public JsonObject content() {
    return Json.object(Map.of("name", Json.string(name), "version", Json.string(version)));
  }

  @Override
  public Decision evaluate(PolicyContext context) {
    calls.incrementAndGet();
    return behaviour.apply(context);
  }

  @Override
  public Ruling ruling(PolicyContext context) {
    return new Ruling(evaluate(context), rule);
  }
}
