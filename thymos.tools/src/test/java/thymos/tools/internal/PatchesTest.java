package thymos.tools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import thymos.tools.internal.Patches.Edit;
import thymos.tools.internal.Patches.Mismatch;

/** The two edit formats of {@code fs_patch} (T2): all or nothing, exact matching. */
class PatchesTest {

  static final String FILE = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";

  private static String message(Mismatch m) {
    return m.getMessage();
  }

  // search/replace

  @Test
  void required_T2_searchReplaceAppliesInOrder() throws Exception {
    Patches.Result r = Patches.edits(FILE, List.of(new Edit("two\n", "2\n", false),
        new Edit("2\nthree", "2+3", false)));
    assertEquals("one\n2+3\nfour\nfive\nsix\nseven\n", r.text());
    assertEquals(List.of(1, 1), r.replacements());
  }

  @Test
  void required_T2_searchThatDoesNotOccurFails() {
    Mismatch m = assertThrows(Mismatch.class,
        () -> Patches.edits(FILE, List.of(new Edit("one", "1", false), new Edit("eight", "8",
            false))));
    assertTrue(message(m).startsWith("edit 1: the search text does not occur"), message(m));
  }

  @Test
  void required_T2_searchThatOccursTwiceFailsUnlessAll() throws Exception {
    String text = "a = 1;\nb = 1;\n";
    Mismatch m = assertThrows(Mismatch.class,
        () -> Patches.edits(text, List.of(new Edit("= 1", "= 2", false))));
    assertTrue(message(m).contains("occurs 2 times (at lines 1, 2)"), message(m));
    Patches.Result r = Patches.edits(text, List.of(new Edit("= 1", "= 2", true)));
    assertEquals("a = 2;\nb = 2;\n", r.text());
    assertEquals(List.of(2), r.replacements());
    assertThrows(Mismatch.class, () -> Patches.edits(text, List.of(new Edit("zzz", "", true))));
    assertThrows(Mismatch.class, () -> Patches.edits(text, List.of(new Edit("", "x", false))));
  }

  @Test
  void replacementTextIsNotSearchedAgain() throws Exception {
    assertEquals("aaaa", Patches.edits("aa", List.of(new Edit("a", "aa", true))).text());
  }

  // unified diff

  @Test
  void required_T2_diffAppliesAtTheStatedLine() throws Exception {
    String diff = """
        --- a/f.txt
        +++ b/f.txt
        @@ -2,3 +2,3 @@
         two
        -three
        +THREE
         four
        """;
    Patches.Result r = Patches.diff(FILE, diff);
    assertEquals(FILE.replace("three", "THREE"), r.text());
    assertEquals(List.of(new Patches.Placed(1, 2, 0)), r.hunks());
  }

  @Test
  void required_T2_diffFindsAHunkAtAnOffset() throws Exception {
    String diff = "@@ -1,3 +1,3 @@\n four\n-five\n+FIVE\n six\n"; // really at line 4
    Patches.Result r = Patches.diff(FILE, diff);
    assertEquals(FILE.replace("five", "FIVE"), r.text());
    assertEquals(List.of(new Patches.Placed(1, 4, 3)), r.hunks());
  }

  @Test
  void required_T2_diffWithSeveralHunksCarriesTheOffset() throws Exception {
    String diff = "@@ -1,2 +1,3 @@\n one\n+1.5\n two\n@@ -5,2 +6,1 @@\n five\n-six\n";
    Patches.Result r = Patches.diff(FILE, diff);
    assertEquals("one\n1.5\ntwo\nthree\nfour\nfive\nseven\n", r.text());
    assertEquals(0, r.hunks().get(1).offset());
  }

  @Test
  void required_T2_contextMismatchFailsNamingTheLine() {
    String diff = "@@ -2,3 +2,3 @@\n two\n-three\n+THREE\n FOUR\n";
    Mismatch m = assertThrows(Mismatch.class, () -> Patches.diff(FILE, diff));
    assertTrue(message(m).contains("line 4 is \"four\", the hunk expects \"FOUR\""), message(m));
  }

  @Test
  void required_T2_oneBadHunkFailsTheWholeDiff() {
    String diff = "@@ -1,1 +1,1 @@\n-one\n+ONE\n@@ -6,1 +6,1 @@\n-SIX\n+6\n";
    Mismatch m = assertThrows(Mismatch.class, () -> Patches.diff(FILE, diff));
    assertTrue(message(m).startsWith("hunk 2 "), message(m));
  }

  @Test
  void required_T2_hunksMayNotOverlapOrGoBackwards() {
    String diff = "@@ -3,1 +3,1 @@\n-three\n+3\n@@ -1,1 +1,1 @@\n-one\n+1\n";
    assertThrows(Mismatch.class, () -> Patches.diff(FILE, diff));
  }

  @Test
  void required_T2_malformedDiffsAreRefused() {
    List<String> bad = List.of(
        "",
        "just text\n",
        "--- a\n+++ b\n",
        "@@ -1,2 +1,2\n one\n",
        "@@ -x,2 +1,2 @@\n one\n two\n",
        "@@ -1,2 +1,2 @@\n one\n", // body shorter than its counts
        "@@ -1,1 +1,1 @@\n one\n-two\n+2\n", // longer than its counts
        "@@ -1,1 +1,1 @@\n*one\n",
        "@@ -1,1 +1,1 @@\n-one\n+1\n--- a/other\n+++ b/other\n@@ -1 +1 @@\n-x\n+y\n",
        "@@ -1,1 +1,1 @@\n-one\n+1\ngarbage\n",
        "@@ -0,0 +0,0 @@\n",
        "\\ No newline at end of file\n@@ -1 +1 @@\n-one\n+1\n");
    for (String d : bad) {
      assertThrows(Mismatch.class, () -> Patches.diff(FILE, d), () -> "accepted: " + d);
    }
  }

  @Test
  void required_T2_insertionAndNewlineMarkers() throws Exception {
    assertEquals("zero\none\n", Patches.diff("one\n", "@@ -0,0 +1 @@\n+zero\n").text());
    assertEquals("one\nlast", Patches.diff("one\n", "@@ -1 +1,2 @@\n one\n+last\n"
        + "\\ No newline at end of file\n").text());
    assertEquals("one\ntwo\n", Patches.diff("one", "@@ -1 +1,2 @@\n-one\n"
        + "\\ No newline at end of file\n+one\n+two\n").text());
    // the old side says "no newline at end": it must be the file's last line
    assertThrows(Mismatch.class, () -> Patches.diff("one\ntwo\n",
        "@@ -1 +1 @@\n-one\n\\ No newline at end of file\n+1\n"));
  }

  @Test
  void required_T2_crlfFilesKeepTheirLineEndings() throws Exception {
    String crlf = "a\r\nb\r\nc\r\n";
    assertEquals("a\r\nB\r\nB2\r\nc\r\n",
        Patches.diff(crlf, "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+B2\n c\n").text());
  }

  @Test
  void emptyBodyLineCountsAsEmptyContext() throws Exception {
    assertEquals("a\n\nB\n", Patches.diff("a\n\nb\n", "@@ -1,3 +1,3 @@\n a\n\n-b\n+B\n").text());
  }

  /** A diff of one changed line applies at any offset the file shifted it by. */
  @Property(tries = 50)
  void required_T2_offsetsAreFound(@ForAll @IntRange(min = 0, max = 40) int shift)
      throws Exception {
    String file = "x\n".repeat(shift) + "alpha\nbeta\ngamma\n";
    Patches.Result r = Patches.diff(file, "@@ -1,3 +1,3 @@\n alpha\n-beta\n+BETA\n gamma\n");
    assertEquals("x\n".repeat(shift) + "alpha\nBETA\ngamma\n", r.text());
    assertEquals(shift, r.hunks().get(0).offset());
  }
}
