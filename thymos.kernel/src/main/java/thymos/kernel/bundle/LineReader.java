package thymos.kernel.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a bundle's lines as bytes, one at a time: a line is at most the 8 MiB document limit
 * (E1.6) plus its newline, so memory stays bounded whatever the bundle's length.
 */
final class LineReader implements AutoCloseable {

  static final int MAX_LINE = 8 * 1024 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private long line;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The number of the line last returned (1-based). */
  long line() {
    return line;
  }

  /** The next line without its {@code '\n'}; empty at the end of the input. */
  Optional<byte[]> next() {
    byte[] out = new byte[256];
    int n = 0;
    boolean any = false;
    while (true) {
      if (pos == end && !fill()) {
        if (!any) {
          return Optional.empty();
        }
        line++;
        throw new BundleException("L8.2", BundleException.Check.FORMAT, line, Optional.empty(),
            -1, "the last line does not end with a newline (truncated bundle?)");
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      int len = pos - start;
      if (n + len > MAX_LINE) {
        throw new BundleException("L8.2", BundleException.Check.FORMAT, line + 1,
            Optional.empty(), -1, "line longer than " + MAX_LINE + " bytes (E1.6)");
      }
      if (n + len > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, n + len));
      }
      System.arraycopy(buf, start, out, n, len);
      n += len;
      if (pos < end) { // at '\n'
        pos++;
        line++;
        return Optional.of(Arrays.copyOf(out, n));
      }
    }
  }

  private boolean fill() {
    try {
      int r = in.read(buf);
      if (r <= 0) {
        return false;
      }
      pos = 0;
      end = r;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundle: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
