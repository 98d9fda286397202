package thymos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code thymos plugins}: what ServiceLoader finds, without a project. */
class PluginsCommandTest {

  @Test
  @DisplayName("plugins lists the ledgers and the tool providers with their modules")
  void listsShippedPlugins() {
    Cli.Result text = Cli.raw("--no-color", "plugins");
    assertEquals(Main.OK, text.code(), text::toString);
    assertTrue(text.out().matches("(?s).*sqlite +1 +sqlite +thymos\\.ledger\\.sqlite\n.*"),
        text::toString);
    assertTrue(text.out().matches("(?s).*builtin +1 +fs_list fs_patch fs_read fs_search fs_write"
        + " kv_get kv_put +thymos\\.tools\n.*"), text::toString);
    // providers that supply tools only when configured are listed too, without starting anything
    assertTrue(text.out().matches(
        "(?s).*manifests +1 +\\(needs configuration\\) +thymos\\.tools\n.*"), text::toString);
    assertTrue(text.out().matches(
        "(?s).*mcp +1 +\\(needs configuration\\) +thymos\\.tools\\.mcp\n.*"), text::toString);
    Cli.Result json = Cli.raw("--json", "plugins");
    assertEquals(Main.OK, json.code(), json::toString);
    assertTrue(json.out().contains("{\"module\":\"thymos.ledger.spi\",\"name\":\"memory\","
        + "\"schemes\":[\"memory\"],\"spec_version\":\"1\"}"), json::toString);
  }
}
