package thymos.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import thymos.api.json.Json;
import thymos.api.spi.Signer;

/** {@code thymos keygen <alias>}: a new Ed25519 key in the project's key store (E3.4). */
@Command(name = "keygen", description = "Generate a signing key in the project's key store.")
final class KeygenCommand extends Base {

  @Parameters(index = "0", paramLabel = "<alias>", description = "The key's local name.")
  String alias;

  @Override
  protected int execute() {
    try (Project p = project()) {
      Signer s = p.keys().generate(alias, p.entropy);
      if (out().json) {
        out().json(Json.object(Map.of("alias", Json.string(alias),
            "public_key", s.publicKey().toJson())));
      } else {
        out().line(alias + " " + s.publicKey().hex());
      }
    }
    return Main.OK;
  }
}
