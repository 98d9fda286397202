package thymos.ledger.sqlite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import thymos.api.crypto.Hash32;
import thymos.ledger.spi.AppendConflict;
import thymos.ledger.spi.Head;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * One appender process of {@link SqliteMultiProcessIT} (L5.2): prints {@code started}, opens the
 * ledger when it reads {@code open} (so processes can also boot a new store together), then for every
 * seq of one trajectory prints {@code at <seq>}, waits for {@code go} on standard input (so all
 * processes race on the same seq), tries to append its own entry (its variant) and prints {@code
 * won <seq> <id>} or {@code lost <seq> <head seq>}, continuing the chain from whichever entry won.
 * It prints {@code done} at the end; anything unexpected is printed as {@code error …} with exit
 * code 2.
 *
 * <p>Arguments: database file, trajectory number, variant, number of seqs.
 */
public final class AppendRaceChild {

  private AppendRaceChild() {}

  /** Runs one appender; see the class comment. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    out.println("started");
    if (!"open".equals(in.readLine())) {
      throw new IllegalStateException("expected open");
    }
    try (LedgerBackend ledger = Ledgers.open(new LedgerConfig("sqlite:" + args[0],
        Map.of(SqliteLedgerProvider.BUSY_TIMEOUT_OPTION, "60000")))) {
      Hash32 traj = TckEntries.traj(Integer.parseInt(args[1]));
      int variant = Integer.parseInt(args[2]);
      int seqs = Integer.parseInt(args[3]);
      Optional<Hash32> parent = Optional.empty();
      for (long seq = 0; seq < seqs; seq++) {
        StoredEntry mine = TckEntries.row(traj, seq, parent, variant, seq);
        // Lockstep: every process starts its attempt at this seq together.
        out.println("at " + seq);
        if (!"go".equals(in.readLine())) {
          throw new IllegalStateException("expected go");
        }
        try {
          ledger.append(mine);
          out.println("won " + seq + " " + mine.id().hex());
        } catch (AppendConflict c) {
          out.println("lost " + seq + " " + c.actualHead().map(Head::seq).orElse(-1L));
        }
        try (Stream<StoredEntry> s = ledger.read(traj, seq, seq + 1)) {
          parent = Optional.of(s.findFirst().orElseThrow().id());
        }
      }
      out.println("done");
    } catch (Exception | Error e) {
      out.println("error " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }
}
