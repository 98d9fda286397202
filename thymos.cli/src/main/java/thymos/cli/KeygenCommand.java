package thymos.cli;

import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import thymos.api.json.Json;
import thymos.api.spi.Signer;

/**
 * {@code thymos keygen [--encrypt] <alias>}: a new Ed25519 key in the project's key store (E3.4),
 * as a raw-seed {@code <alias>.key} or, with {@code --encrypt}, an encrypted {@code <alias>.pem}.
 */
@Command(name = "keygen", description = "Generate a signing key in the project's key store.")
final class KeygenCommand extends Base {

  @Parameters(index = "0", paramLabel = "<alias>", description = "The key's local name.")
  String alias;

  @Option(names = "--encrypt",
      description = "Write an encrypted <alias>.pem, protected by the passphrase of "
          + "--passphrase-file or THYMOS_KEY_PASSPHRASE.")
  boolean encrypt;

  @Override
  protected int execute() {
    char[] encryptWith = encrypt ? passphrase().chars().orElseThrow(() ->
        new ParameterException(spec.commandLine(), "--encrypt needs a passphrase: "
            + KeyPassphrase.HOW)) : null;
    try (Project p = project()) {
      Signer s = encryptWith == null ? p.keys().generate(alias, p.entropy)
          : p.keys().generateEncrypted(alias, p.entropy, encryptWith);
      if (out().json) {
        out().json(Json.object(Map.of("alias", Json.string(alias),
            "public_key", s.publicKey().toJson())));
      } else {
        out().line(alias + " " + s.publicKey().hex());
      }
    } finally {
      if (encryptWith != null) {
        Arrays.fill(encryptWith, '\0');
      }
    }
    return Main.OK;
  }
}
