package thymos.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import thymos.api.crypto.Hash32;
import thymos.api.json.Json;
import thymos.api.model.Entry;
import thymos.api.model.RootPayload;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.Page;
import thymos.ledger.spi.PageRequest;

/** {@code thymos ledger list|show}: what the ledger holds. */
@Command(name = "ledger", description = "List trajectories and show entries.",
    subcommands = {LedgerCommand.ListTrajectories.class, LedgerCommand.Show.class})
final class LedgerCommand extends Base {

  @Override
  protected int execute() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /** {@code thymos ledger list}. */
  @Command(name = "list", description = "List the trajectories with size and binding.")
  static final class ListTrajectories extends Base {
    @Override
    protected int execute() {
      try (Project p = project()) {
        LedgerBackend ledger = p.ledger();
        List<List<String>> rows = new ArrayList<>();
        List<Json> items = new ArrayList<>();
        PageRequest<Hash32> page = PageRequest.first(500);
        while (true) {
          Page<Hash32> pg = ledger.trajectories(page);
          for (Hash32 t : pg.items()) {
            Head head = ledger.head(t).orElseThrow();
            Entry root;
            try (var s = ledger.read(t, 0, 1)) {
              root = Entry.parse(s.findFirst().orElseThrow().canonicalBytes());
            }
            String binding = root.payload() instanceof RootPayload r
                ? r.writId().map(w -> w.display("writ")).orElse(r.system().orElse("?"))
                : root.kind().wire();
            rows.add(List.of(t.hex(), Long.toString(head.seq() + 1), binding,
                Trajectories.time(root.recordedMs())));
            items.add(Json.object(java.util.Map.of("trajectory_id", t.toJson(),
                "entries", Json.integer(head.seq() + 1), "head", head.id().toJson(),
                "binding", Json.string(binding))));
          }
          if (!pg.hasMore() || pg.last().isEmpty()) {
            break;
          }
          page = PageRequest.after(pg.last().get(), 500);
        }
        if (out().json) {
          out().json(Json.array(items));
        } else {
          out().table(List.of("trajectory", "entries", "binding", "opened"), rows);
        }
      }
      return Main.OK;
    }
  }

  /** {@code thymos ledger show <trajectory>}: every entry (JSON lines with --json). */
  @Command(name = "show", description = "Show a trajectory's entries (canonical JSON with "
      + "--json).")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "<trajectory>", description = "Id or unique prefix.")
    String trajectory;

    @Override
    protected int execute() {
      try (Project p = project()) {
        Hash32 id = Trajectories.resolve(p.ledger(), trajectory);
        List<Entry> entries = Trajectories.entries(p.ledger(), id);
        if (out().json) {
          entries.forEach(e -> out().json(e.toJson()));
          return Main.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
          rows.add(List.of(Long.toString(e.seq()), e.kind().wire(), e.id().hex(),
              Trajectories.summary(e)));
        }
        out().table(List.of("seq", "kind", "entry", "what"), rows);
      }
      return Main.OK;
    }
  }
}
