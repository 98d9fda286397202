package thymos.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import picocli.CommandLine.Command;
import thymos.api.ThymosException;
import thymos.api.json.Json;
import thymos.api.json.JsonObject;
import thymos.api.spi.ToolProvider;
import thymos.ledger.spi.LedgerProvider;
import thymos.ledger.spi.Ledgers;

/**
 * {@code thymos plugins}: the ledger backends and tool providers {@link ServiceLoader} finds in
 * this runtime (module path or jlink image), by name, with the module each comes from. Needs no
 * project; tool providers are opened with an empty configuration only to name their tools.
 */
@Command(name = "plugins", description = "List the ledger backends and tool providers found "
    + "on the module path or in the runtime image.")
final class PluginsCommand extends Base {

  @Override
  protected int execute() {
    List<List<String>> ledgerRows = new ArrayList<>();
    List<Json> ledgers = new ArrayList<>();
    for (LedgerProvider p : sorted(Ledgers.providers(), LedgerProvider::name)) {
      List<String> schemes = p.schemes().stream().sorted().toList();
      ledgerRows.add(List.of(p.name(), p.specVersion(), String.join(" ", schemes), module(p)));
      ledgers.add(Json.object(Map.of("name", Json.string(p.name()),
          "spec_version", Json.string(p.specVersion()),
          "schemes", Json.array(schemes.stream().map(Json::string).toList()),
          "module", Json.string(module(p)))));
    }
    List<List<String>> toolRows = new ArrayList<>();
    List<Json> tools = new ArrayList<>();
    List<ToolProvider> toolProviders = new ArrayList<>();
    ServiceLoader.load(ToolProvider.class).forEach(toolProviders::add);
    for (ToolProvider p : sorted(toolProviders, ToolProvider::name)) {
      List<String> names;
      try {
        names = p.tools(JsonObject.EMPTY).stream()
            .map(t -> t.descriptor().name()).sorted().toList();
      } catch (ThymosException e) {
        names = List.of();  // a provider that needs configuration still shows up, without tools
      }
      toolRows.add(List.of(p.name(), p.specVersion(),
          names.isEmpty() ? "(needs configuration)" : String.join(" ", names), module(p)));
      tools.add(Json.object(Map.of("name", Json.string(p.name()),
          "spec_version", Json.string(p.specVersion()),
          "tools", Json.array(names.stream().map(Json::string).toList()),
          "module", Json.string(module(p)))));
    }
    if (out().json) {
      out().json(Json.object(Map.of("ledger_providers", Json.array(ledgers),
          "tool_providers", Json.array(tools))));
    } else {
      out().line("ledger providers");
      out().table(List.of("name", "spec", "schemes", "module"), ledgerRows);
      out().line("");
      out().line("tool providers");
      out().table(List.of("name", "spec", "tools", "module"), toolRows);
    }
    return Main.OK;
  }

  private static <T> List<T> sorted(List<T> providers, Function<T, String> name) {
    return providers.stream().sorted(Comparator.comparing(name)).toList();
  }

  private static String module(Object provider) {
    Module m = provider.getClass().getModule();
    return m.isNamed() ? m.getName() : "(class path)";
  }
}
