package thymos.ledger.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * One runtime process of {@link PostgresMultiProcessIT} (L5.2, L7.2), on the server of {@link
 * TestServer}. It prints {@code started}, opens the ledger in the given schema when it reads
 * {@code open} (so processes also boot a new schema together), then runs one mode:
 *
 * <ul>
 *   <li>{@code race <schema> <variant> <seqs>}: for every seq of trajectory 1, prints {@code at
 *       <seq>}, waits for {@code go} (so all processes race on the same seq), appends its own entry
 *       and prints {@code won <seq> <id>} or {@code lost <seq> <head seq>}, continuing the chain
 *       from whichever entry won; {@code done} at the end.
 *   <li>{@code many <schema> <variant> <seqs> <trajectories>}: free-running over trajectories 1..n,
 *       seq by seq, printing {@code won <t> <seq> <id>} or {@code lost <t> <seq>}; {@code done}.
 *   <li>{@code ack <schema> <first trajectory> <threads>}: each thread appends to its own
 *       trajectory without end and prints {@code ack <t> <seq> <id>} after each append returned —
 *       until the parent kills the process.
 * </ul>
 *
 * Anything unexpected is printed as {@code error …} with exit code 2.
 */
public final class AppendChild {

  private AppendChild() {}

  /** Runs one process; see the class comment. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    out.println("started");
    if (!"open".equals(in.readLine())) {
      throw new IllegalStateException("expected open");
    }
    try (LedgerBackend ledger = Ledgers.open(new LedgerConfig(TestServer.url(),
        Map.of(PostgresLedgerProvider.SCHEMA_OPTION, args[1])))) {
      switch (args[0]) {
        case "race" -> race(ledger, out, in, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        case "many" -> many(ledger, out, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
            Integer.parseInt(args[4]));
        case "ack" -> ack(ledger, out, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
      out.println("done");
    } catch (Exception | Error e) {
      out.println("error " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static Hash32 at(LedgerBackend ledger, Hash32 traj, long seq) {
    try (Stream<StoredEntry> s = ledger.read(traj, seq, seq + 1)) {
      return s.findFirst().orElseThrow().id();
    }
  }

  private static void race(LedgerBackend ledger, PrintStream out, BufferedReader in, int variant,
      int seqs) throws Exception {
    Hash32 traj = TckEntries.traj(1);
    Optional<Hash32> parent = Optional.empty();
    for (long seq = 0; seq < seqs; seq++) {
      StoredEntry mine = TckEntries.row(traj, seq, parent, variant, seq);
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
      parent = Optional.of(at(ledger, traj, seq));
    }
  }

  private static void many(LedgerBackend ledger, PrintStream out, int variant, int seqs,
      int trajectories) {
    List<Optional<Hash32>> parents = new ArrayList<>();
    for (int t = 0; t < trajectories; t++) {
      parents.add(Optional.empty());
    }
    for (long seq = 0; seq < seqs; seq++) {
      for (int t = 1; t <= trajectories; t++) {
        Hash32 traj = TckEntries.traj(t);
        StoredEntry mine = TckEntries.row(traj, seq, parents.get(t - 1), variant, seq);
        try {
          ledger.append(mine);
          out.println("won " + t + " " + seq + " " + mine.id().hex());
        } catch (AppendConflict c) {
          out.println("lost " + t + " " + seq);
        }
        parents.set(t - 1, Optional.of(at(ledger, traj, seq)));
      }
    }
  }

  private static void ack(LedgerBackend ledger, PrintStream out, int first, int threads)
      throws InterruptedException {
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int t = first + i;
      running.add(Thread.ofPlatform().start(() -> {
        Hash32 traj = TckEntries.traj(t);
        Optional<Hash32> parent = Optional.empty();
        try {
          for (long seq = 0; ; seq++) {
            StoredEntry e = TckEntries.row(traj, seq, parent, t, seq);
            ledger.append(e);
            // Printed only after append returned: this entry is acknowledged (durable, L5.1).
            out.println("ack " + t + " " + seq + " " + e.id().hex());
            parent = Optional.of(e.id());
          }
        } catch (RuntimeException e) {
          out.println("error " + e);
          System.exit(2);
        }
      }));
    }
    for (Thread th : running) {
      th.join();
    }
  }
}
