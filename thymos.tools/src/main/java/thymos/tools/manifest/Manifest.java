package thymos.tools.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import thymos.api.crypto.PublicKey;
import thymos.api.crypto.Signature;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.model.EffectClass;
import thymos.api.model.RiskClass;
import thymos.api.spi.ToolDescriptor;

/**
 * A parsed tool manifest (T6.1): the descriptor, the run it performs, and the signature if it is
 * signed. {@code unsigned} is the document without its {@code signature} member: the bytes signed
 * with {@code sign("manifest", …)} and hashed for its id (E4.3).
 *
 * @param descriptor the tool descriptor (name, version, description, input schema, effect, risk,
 *     not compensable)
 * @param run what a call does
 * @param unsigned the manifest without {@code signature}
 * @param signer the {@code signer} member, when signed
 * @param signature the {@code signature} member, when signed
 */
record Manifest(ToolDescriptor descriptor, Run run, JsonObject unsigned,
    Optional<PublicKey> signer, Optional<Signature> signature) {

  /** The manifest format this reader accepts (T6.1). */
  static final String FORMAT = "thymos-tool/v1";

  /** What a manifest call does (T6.1), a sealed union on {@code kind}. */
  sealed interface Run permits ExecRun, HttpRun {

    /** The wall-clock limit of one call. */
    long timeoutMs();
  }

  /** Output form of an exec manifest. */
  enum Output { TEXT, JSON }

  /**
   * {@code {kind:"exec", argv, cwd?, timeout_ms, output}}: {@code argv[0]} is literal; the other
   * elements and {@code cwd} may hold placeholders, each element staying one argv element.
   */
  record ExecRun(List<Template> argv, Optional<Template> cwd, long timeoutMs, Output output)
      implements Run {
    ExecRun {
      argv = List.copyOf(argv);
    }
  }

  /**
   * {@code {kind:"http", method, url, headers?, body?, allowed_hosts, timeout_ms}}: header values
   * are templates; {@code body} is JSON whose strings are templates (a string that is exactly one
   * placeholder takes the argument's JSON value), sent as {@code application/json}.
   */
  record HttpRun(String method, UrlTemplate url, Map<String, Template> headers, Optional<Json> body,
      List<String> allowedHosts, long timeoutMs) implements Run {
    HttpRun {
      headers = Map.copyOf(headers);
      allowedHosts = List.copyOf(allowedHosts);
    }
  }

  /** Whether {@code effect} is below {@code external} (T6.3 needs a trusted signature then). */
  static boolean belowExternal(EffectClass effect) {
    return effect.ordinal() < EffectClass.EXTERNAL.ordinal();
  }

  /** The declared risk, for messages. */
  RiskClass risk() {
    return descriptor.risk();
  }
}
