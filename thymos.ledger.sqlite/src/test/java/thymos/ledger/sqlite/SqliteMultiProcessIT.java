package thymos.ledger.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import thymos.api.crypto.Hash32;
import thymos.api.model.Entry;
import thymos.ledger.spi.StoredEntry;
import thymos.tck.TckEntries;

/**
 * Fork-proof append across processes (L5.2, K2.3): several JVMs append to one database file at
 * once, each trying its own entry at every seq of one trajectory, in lockstep so that every seq is
 * a real race. Not timed: the timeout only stops a hung child.
 */
class SqliteMultiProcessIT {

  private static final int PROCESSES = 4;
  private static final int SEQS = 100;
  private static final Hash32 T = TckEntries.traj(1);

  @TempDir
  Path dir;

  /** One child JVM and the lines it printed. */
  private record Child(Process process, BufferedReader out, Writer in) {}

  private static List<String> command(Path db, int variant, int seqs) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java));
    String modulePath = System.getProperty("jdk.module.path");
    String testClasses = System.getProperty("thymos.test.classes");
    if (modulePath != null && AppendRaceChild.class.getModule().isNamed()) {
      assertNotNull(testClasses, "surefire/failsafe set thymos.test.classes");
      // The test-scope jars that are no modules (the TCK's entries among them) stay on the class
      // path, as in the test's own JVM, and the patched module reads them.
      cmd.addAll(List.of("--module-path", modulePath,
          "-cp", System.getProperty("java.class.path"),
          "--add-reads", "thymos.ledger.sqlite=ALL-UNNAMED",
          "--patch-module", "thymos.ledger.sqlite=" + testClasses,
          "--enable-native-access=org.xerial.sqlitejdbc",
          "-m", "thymos.ledger.sqlite/" + AppendRaceChild.class.getName()));
    } else {
      String cp = System.getProperty("java.class.path")
          + (testClasses == null ? "" : File.pathSeparator + testClasses);
      cmd.addAll(List.of("-cp", cp, AppendRaceChild.class.getName()));
    }
    cmd.addAll(List.of(db.toString(), "1", String.valueOf(variant), String.valueOf(seqs)));
    return cmd;
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  @DisplayName("L5.2: 4 processes race on each of 100 seqs; one entry per seq, every loser conflicts")
  void required_L5_2_racingProcessesStoreExactlyOnePerSeq() throws Exception {
    Path db = dir.resolve("shared.db");
    TestLedgers.open(db).close(); // created and stamped before the race
    Map<Integer, Integer> wins = race(db, SEQS);
    assertTrue(wins.size() > 1, "the processes really raced: wins by process " + wins);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  @DisplayName("L5.2, L5.7: 4 processes opening a new store together create it once, then race")
  void required_L5_2_processesBootingTogetherCreateTheStoreOnce() throws Exception {
    Path db = dir.resolve("new.db");
    race(db, 10);
    try (SqliteLedger ledger = TestLedgers.open(db)) {
      assertEquals("wal", ledger.writerPragma("journal_mode"));
      assertEquals(String.valueOf(StoreFormat.FORMAT_VERSION), ledger.writerPragma("user_version"));
    }
  }

  /**
   * Starts the children, releases them to open the store together, drives the lockstep race and
   * checks its outcome; returns the number of seqs each process won.
   */
  private Map<Integer, Integer> race(Path db, int seqs) throws Exception {
    List<Child> children = new ArrayList<>();
    try {
      for (int p = 0; p < PROCESSES; p++) {
        Process process = new ProcessBuilder(command(db, p + 1, seqs))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(new Child(process, new BufferedReader(new InputStreamReader(
            process.getInputStream(), StandardCharsets.UTF_8)),
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)));
      }
      for (Child c : children) {
        assertEquals("started", line(c));
      }
      for (Child c : children) {
        c.in().write("open\n");
        c.in().flush();
      }
      Map<Long, String> winners = new HashMap<>();
      Map<Integer, Integer> winsByProcess = new HashMap<>();
      int losses = 0;
      for (long seq = 0; seq <= seqs; seq++) {
        for (int p = 0; p < PROCESSES; p++) {
          Child c = children.get(p);
          if (seq > 0) {
            String[] f = line(c).split(" ");
            assertEquals(seq - 1, Long.parseLong(f[1]), String.join(" ", f));
            if (f[0].equals("won")) {
              assertNull(winners.put(seq - 1, f[2]), "two winners at seq " + (seq - 1));
              winsByProcess.merge(p, 1, Integer::sum);
            } else {
              assertEquals("lost", f[0], String.join(" ", f));
              assertTrue(Long.parseLong(f[2]) >= seq - 1, "a conflict names a head at or past "
                  + "the refused seq: " + String.join(" ", f));
              losses++;
            }
          }
          assertEquals(seq < seqs ? "at " + seq : "done", line(c));
        }
        // Release all; who hears "go" first rotates, so no process is favoured.
        for (int i = 0; i < PROCESSES && seq < seqs; i++) {
          Child c = children.get((int) ((seq + i) % PROCESSES));
          c.in().write("go\n");
          c.in().flush();
        }
      }
      for (Child c : children) {
        assertTrue(c.process().waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, c.process().exitValue());
      }
      assertEquals(seqs, winners.size(), "every seq has a winner");
      assertEquals(seqs * (PROCESSES - 1), losses, "every loser saw AppendConflict");
      try (SqliteLedger ledger = TestLedgers.open(db)) {
        List<StoredEntry> stored = TestLedgers.stored(ledger, T);
        assertEquals(seqs, stored.size());
        for (int i = 0; i < seqs; i++) {
          StoredEntry e = stored.get(i);
          assertEquals(i, e.seq());
          assertEquals(winners.get((long) i), e.id().hex(), "the stored entry is the winner's");
          assertEquals(i == 0 ? Optional.empty() : Optional.of(stored.get(i - 1).id()),
              e.parent(), "the chain is intact");
          assertEquals(e.id(), Entry.parse(e.canonicalBytes()).id());
        }
      }
      return winsByProcess;
    } finally {
      for (Child c : children) {
        c.process().destroyForcibly();
      }
    }
  }

  // The child's next line; a child that died or failed fails the test with what it printed.
  private static String line(Child c) throws IOException {
    String line = c.out().readLine();
    assertNotNull(line, "child ended early");
    assertFalse(line.startsWith("error"), line);
    return line;
  }
}
