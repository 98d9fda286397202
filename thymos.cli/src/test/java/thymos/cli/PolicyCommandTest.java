package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.SeededEntropy;
import thymos.kernel.policy.PolicyBundles;

/** {@code thymos policy check} (P6.7) and bundle files in {@code thymos.json} (P6, P6.6). */
class PolicyCommandTest {

  static final String BUNDLE = """
      {"name":"spend","version":"2","default":"permit","rules":[
        {"name":"small-ok","when":{"field":"intent.args.value","op":"lte","value":100},
         "decision":{"kind":"permit"}},
        {"name":"no-big-puts","when":{"all":[
           {"field":"intent.tool","op":"eq","value":"kv_put"},
           {"field":"intent.args.value","op":"gt","value":1000}]},
         "decision":{"kind":"deny","reason":"puts above 1000 are closed"}},
        {"name":"ask-medium","when":{"field":"intent.args.value","op":"gt","value":100},
         "decision":{"kind":"require_approval","channel":"ops","reason":"medium","quorum":2}}]}""";

  private static final SeededEntropy ENTROPY = new SeededEntropy(3);
  private static final Ed25519Signer ISSUER = Ed25519Signer.generate(ENTROPY);
  private static final Ed25519Signer OTHER = Ed25519Signer.generate(ENTROPY);

  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private String signed(Ed25519Signer by) {
    return PolicyBundles.sign((JsonObject) Json.parse(BUNDLE), by).canonicalString();
  }

  @Test
  @DisplayName("policy check prints the deciding rule and decision of each example")
  void required_P6_7_checkPrintsTheDecidingRule() throws Exception {
    Path bundle = write("spend.json", BUNDLE);
    Path small = write("small.json", "{\"tool\":\"kv_put\",\"args\":{\"value\":50}}");
    Path big = write("big.json", "{\"tool\":\"kv_put\",\"args\":{\"value\":5000}}");
    Path medium = write("medium.json", "{\"tool\":\"fs_write\",\"args\":{\"value\":500}}");
    Path none = write("none.json", "{\"tool\":\"kv_get\",\"args\":{\"key\":\"k\"}}");
    Path bad = write("bad.json", "{\"tool\":\"kv_get\",\"args\":{\"value\":\"many\"}}");
    Cli.Result r = Cli.raw("--no-color", "policy", "check", bundle.toString(),
        "--intent", small.toString(), "--intent", big.toString(), "--intent", medium.toString(),
        "--intent", none.toString(), "--intent", bad.toString());
    assertEquals(Main.OK, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("bundle spend@2 policy:"), r.out());
    assertTrue(lines.get(0).endsWith(": 3 rule(s), default permit"), r.out());
    assertEquals(small + ": rule small-ok -> permit", lines.get(1));
    assertEquals(big + ": rule no-big-puts -> deny: puts above 1000 are closed", lines.get(2));
    assertEquals(medium + ": rule ask-medium -> require_approval on ops (quorum 2): medium",
        lines.get(3));
    assertEquals(none + ": default -> permit", lines.get(4));
    assertEquals(bad + ": rule small-ok -> deny: evaluation error in rule small-ok:"
        + " intent.args.value lte 100: cannot compare a string with an integer", lines.get(5));

    Cli.Result json = Cli.raw("--json", "policy", "check", bundle.toString(), "--intent",
        big.toString());
    assertEquals(Main.OK, json.code(), json::toString);
    JsonObject doc = (JsonObject) Json.parse(json.out());
    JsonObject result = (JsonObject) ((thymos.api.json.JsonArray) doc.get("results").get()).get(0);
    assertEquals(Json.string("no-big-puts"), result.get("rule").get());
    assertEquals(Json.string("deny"), ((JsonObject) result.get("decision").get()).get("kind")
        .get());
  }

  @Test
  @DisplayName("policy check exits 2 naming the file and JSON pointer of a load error")
  void required_P6_7_loadErrorsExitNonZero() throws Exception {
    Path unknownOp = write("op.json", BUNDLE.replace("\"op\":\"lte\"", "\"op\":\"le\""));
    Cli.Result r = Cli.raw("policy", "check", unknownOp.toString());
    assertEquals(Main.USAGE, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: " + unknownOp + ": [THY-P602] at /rules/0/when/op:"),
        r.err());
    Path noDefault = write("nodefault.json", BUNDLE.replace("\"default\":\"permit\",", ""));
    Cli.Result d = Cli.raw("policy", "check", noDefault.toString());
    assertEquals(Main.USAGE, d.code(), d::toString);
    assertTrue(d.err().contains("[THY-P605] at /default:"), d.err());
    Path malformed = write("malformed.json", "{\"name\":");
    assertEquals(Main.USAGE, Cli.raw("policy", "check", malformed.toString()).code());
    assertEquals(Main.CONFIGURATION,
        Cli.raw("policy", "check", dir.resolve("missing.json").toString()).code());
  }

  @Test
  @DisplayName("policy check verifies signed bundles and honours pinned issuers")
  void required_P6_6_checkVerifiesSignaturesAndPins() throws Exception {
    Path good = write("signed.json", signed(ISSUER));
    Cli.Result ok = Cli.raw("policy", "check", good.toString(), "--issuer",
        ISSUER.publicKey().hex());
    assertEquals(Main.OK, ok.code(), ok::toString);
    Cli.Result unpinned = Cli.raw("policy", "check", good.toString(), "--issuer",
        OTHER.publicKey().hex());
    assertEquals(Main.USAGE, unpinned.code(), unpinned::toString);
    assertTrue(unpinned.err().contains("[THY-P606] at /issuer_key:"), unpinned.err());
    Path tampered = write("tampered.json", signed(ISSUER).replace("\"value\":1000",
        "\"value\":1000000"));
    Cli.Result t = Cli.raw("policy", "check", tampered.toString());
    assertEquals(Main.USAGE, t.code(), t::toString);
    assertTrue(t.err().contains("[THY-P606] at /signature:"), t.err());
  }

  private void configure(Map<String, Json> bundleConfig) throws Exception {
    Path config = dir.resolve("thymos.json");
    JsonObject o = (JsonObject) Json.parse(Files.readString(config));
    Map<String, Json> m = new HashMap<>(o.members());
    m.put("policies", Json.array(List.of(Json.object(Map.of("provider", Json.string("bundle"),
        "config", Json.object(bundleConfig))))));
    Files.writeString(config, Json.object(m).canonicalString());
  }

  @Test
  @DisplayName("a pinned, signed bundle file in thymos.json governs a run; the ledger names the rule")
  void required_P6_6_bundleFilesInTheProjectConfigGovernRuns() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    write("spend.json", signed(ISSUER));
    configure(Map.of("path", Json.string("spend.json"),
        "issuers", Json.array(List.of(Json.string(ISSUER.publicKey().hex())))));
    Cli cli = new Cli(dir);
    Cli.Result writ = cli.run("writ", "issue", "--scope", "kv_*");
    assertEquals(Main.OK, writ.code(), writ::toString);
    String id = writ.out().lines().toList().get(1);
    write("script.json", "{\"steps\":[{\"intents\":[{\"tool\":\"kv_put\","
        + "\"args\":{\"key\":\"k\",\"value\":5000}}]},{\"intents\":[{\"tool\":\"kv_put\","
        + "\"args\":{\"key\":\"k\",\"value\":7}}]},{\"intents\":[{\"tool\":\"kv_put\","
        + "\"args\":{\"key\":\"j\",\"value\":\"many\"}}]}]}");
    Cli.Result run = cli.run("--json", "run", dir.resolve("script.json").toString(), "--writ", id);
    assertEquals(Main.OK, run.code(), run::toString);
    Cli.Result entries = cli.run("--json", "ledger", "list");
    String all = entries.out();
    assertTrue(all.contains("trajectory_id"), all);
    // the run's trajectory is the one that is not the authority trajectory
    String show = null;
    for (String traj : all.split("\"trajectory_id\":\"")) {
      if (traj.length() >= 64 && traj.charAt(0) != '[') {
        Cli.Result s = cli.run("--json", "ledger", "show", traj.substring(0, 64));
        if (s.out().contains("\"policy_denied\"")) {
          show = s.out();
        }
      }
    }
    assertTrue(show != null, "a rejection entry with policy_denied: " + all);
    assertTrue(show.contains("no-big-puts"), show);
    assertTrue(show.contains("puts above 1000 are closed"), show);
    assertTrue(show.contains("\"kind\":\"commit\""), "the small put commits: " + show);
    // a rule that cannot be evaluated denies, naming the rule (P6.5), and nothing is written
    assertTrue(show.contains("evaluation error in rule small-ok"), show);
    assertTrue(show.contains("\"id\":\"k\""), "the commit's delta names its key: " + show);
    assertTrue(!show.contains("\"id\":\"j\""), show);
  }

  @Test
  @DisplayName("a bundle file signed by an unpinned key, or malformed, stops the project from starting")
  void required_P6_6_badBundleFilesAreConfigurationErrors() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    write("spend.json", signed(OTHER));
    configure(Map.of("path", Json.string("spend.json"),
        "issuers", Json.array(List.of(Json.string(ISSUER.publicKey().hex())))));
    Cli cli = new Cli(dir);
    String id = cli.run("writ", "issue", "--scope", "kv_*").out().lines().toList().get(1);
    write("script.json", "{\"steps\":[{\"intents\":[{\"tool\":\"kv_put\","
        + "\"args\":{\"key\":\"k\",\"value\":1}}]}]}");
    Cli.Result r = cli.run("run", dir.resolve("script.json").toString(), "--writ", id);
    assertEquals(Main.CONFIGURATION, r.code(), r::toString);
    assertTrue(r.err().contains("[THY-P606]") && r.err().contains("spend.json"), r.err());
    assertTrue(r.err().contains("/issuer_key"), r.err());

    configure(Map.of("path", Json.string("spend.json"), "issuers", Json.array(List.of())));
    Cli.Result empty = cli.run("run", dir.resolve("script.json").toString(), "--writ", id);
    assertEquals(Main.CONFIGURATION, empty.code(), empty::toString);
    assertTrue(empty.err().contains("/policies/0/config/issuers"), empty.err());
    Cli.Result list = cli.run("--json", "ledger", "list");
    assertEquals(1, list.out().split("trajectory_id").length - 1,
        "no run was opened, only the authority trajectory exists: " + list.out());
  }

  @Test
  @DisplayName("policy sign signs a loadable bundle with a project key; check then pins that key")
  void required_P6_6_signWithAProjectKey() throws Exception {
    assertEquals(Main.OK, Cli.raw("init", dir.toString()).code());
    Cli cli = new Cli(dir);
    Path bundle = write("spend.json", BUNDLE);
    Cli.Result printed = cli.run("policy", "sign", bundle.toString(), "--key", "anchor");
    assertEquals(Main.OK, printed.code(), printed::toString);
    JsonObject signed = (JsonObject) Json.parse(printed.out().strip());
    assertEquals(Json.parse(BUNDLE), signed.get("policy").orElseThrow());
    String issuer = ((thymos.api.json.JsonString) signed.get("issuer_key").orElseThrow()).value();
    Path out = dir.resolve("signed.json");
    Cli.Result written = cli.run("policy", "sign", bundle.toString(), "--key", "anchor", "--out",
        out.toString());
    assertEquals(Main.OK, written.code(), written::toString);
    assertTrue(written.out().contains("by " + issuer), written.out());
    Cli.Result check = Cli.raw("policy", "check", out.toString(), "--issuer", issuer);
    assertEquals(Main.OK, check.code(), check::toString);
    Path bad = write("bad.json", BUNDLE.replace("\"default\":\"permit\",", ""));
    Cli.Result refused = cli.run("policy", "sign", bad.toString(), "--key", "anchor");
    assertEquals(Main.USAGE, refused.code(), refused::toString);
    assertTrue(refused.err().contains("[THY-P605] at /default:"), refused.err());
    Cli.Result again = cli.run("policy", "sign", out.toString(), "--key", "anchor");
    assertEquals(Main.USAGE, again.code(), "an already signed bundle: " + again);
  }
}
