package thymos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;
import thymos.kernel.policy.IssuerPins;
import thymos.kernel.policy.PolicyBundles;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.policy.PolicyProviders.Selection;

/**
 * Policy bundle files in {@code thymos.json} (P6, P6.6). A selection of provider {@value
 * PolicyProviders#BUNDLE} names a file and, optionally, the keys allowed to sign it:
 *
 * <pre>{@code
 * "policies": [{"provider": "bundle",
 *               "config": {"path": "policies/spend.json", "issuers": ["policy-admin"]}}]
 * }</pre>
 *
 * <p>{@code config} is read strictly: {@code path} (relative to the project folder) is required,
 * {@code issuers} (key aliases or hex public keys) is optional but never empty. With {@code
 * issuers}, only a signed bundle by one of them loads; without, an unsigned bundle loads and a
 * signed one must verify. The file is loaded here, fail-closed, so an error names the file and
 * the JSON pointer; the kernel receives {@code {"bundle": document, "issuers": [hex…]}}.
 */
final class PolicyFiles {

  private PolicyFiles() {}

  /**
   * The selections with every bundle file read and its issuers resolved; other selections
   * unchanged, order kept.
   *
   * @throws ConfigurationException with the bundle's load code ({@code THY-P60x}) naming the
   *     file and pointer, or {@code THY-C001} for a malformed selection or an unreadable file
   */
  static List<Selection> resolve(List<Selection> selections, Path folder,
      Function<String, PublicKey> keys) {
    List<Selection> out = new ArrayList<>(selections.size());
    for (int i = 0; i < selections.size(); i++) {
      Selection s = selections.get(i);
      out.add(s.provider().equals(PolicyProviders.BUNDLE)
          ? bundle(s.config(), "/policies/" + i + "/config", folder, keys) : s);
    }
    return List.copyOf(out);
  }

  private static Selection bundle(JsonObject config, String pointer, Path folder,
      Function<String, PublicKey> keys) {
    String path;
    List<String> issuers = List.of();
    try {
      StrictObject c = StrictObject.of(config, pointer);
      path = c.string("path");
      if (c.has("issuers")) {
        JsonArray a = c.array("issuers");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          names.add(StrictObject.asString(a.get(i), StrictObject.child(c.pointer("issuers"), i)));
        }
        if (names.isEmpty()) {
          throw new ProtocolViolation("P6.6", c.pointer("issuers"), "issuers, when given, names"
              + " at least one key; omit it to admit unsigned bundles");
        }
        issuers = names;
      }
      c.end();
    } catch (ProtocolViolation e) {
      throw new ConfigurationException("THY-C001", null, ProjectConfig.FILE + ": "
          + e.getMessage(), List.of(), e);
    }
    Path file = folder.resolve(path).normalize();
    List<PublicKey> pinned = issuers.stream().map(keys).toList();
    Json document;
    try {
      document = Json.parse(Files.readAllBytes(file));
      PolicyBundles.load(document, pinned.isEmpty() ? IssuerPins.unpinned()
          : IssuerPins.of(pinned));
    } catch (IOException e) {
      throw new ConfigurationException("THY-C001", null, "cannot read policy bundle " + file
          + ": " + e.getMessage(), List.of(), e);
    } catch (ProtocolViolation e) {
      throw new ConfigurationException(e.code(), e.rule().orElse(null), "policy bundle " + file
          + ": " + e.getMessage(), List.of(), e);
    }
    JsonObject resolved = pinned.isEmpty() ? Json.object(Map.of("bundle", document))
        : Json.object(Map.of("bundle", document, "issuers",
            Json.array(pinned.stream().map(PublicKey::toJson).toList())));
    return new Selection(PolicyProviders.BUNDLE, resolved);
  }
}
