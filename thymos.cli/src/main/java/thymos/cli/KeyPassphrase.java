package thymos.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import thymos.api.ConfigurationException;
import thymos.kernel.keys.Passphrase;

/**
 * The passphrase of encrypted key files (E3.4): the first line of {@code --passphrase-file},
 * else {@code THYMOS_KEY_PASSPHRASE} (an empty variable counts as unset). Read only when a key
 * store meets an encrypted file. The file, like a key file, must not be readable or writable by
 * group or others; errors name it, never its content.
 */
final class KeyPassphrase implements Passphrase {

  static final String ENV = "THYMOS_KEY_PASSPHRASE";
  static final String HOW = "set " + ENV + " or pass --passphrase-file <file>";
  private static final long MAX_FILE_BYTES = 4096;

  private final Optional<Path> file;
  private final Function<String, String> env;

  /** {@code env} is {@code System::getenv} outside tests. */
  KeyPassphrase(Optional<Path> file, Function<String, String> env) {
    this.file = file.map(p -> p.toAbsolutePath().normalize());
    this.env = env;
  }

  @Override
  public Optional<char[]> chars() {
    if (file.isPresent()) {
      return Optional.of(read(file.get()));
    }
    String v = env.apply(ENV);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.toCharArray());
  }

  @Override
  public String howToProvide() {
    return HOW;
  }

  @Override
  public String toString() {
    return "KeyPassphrase[" + file.map(Path::toString).orElse("$" + ENV) + "]";
  }

  private static char[] read(Path file) {
    byte[] bytes = null;
    CharBuffer chars = null;
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.GROUP_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_READ)
          || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw error(file, "it is readable or writable by group or others ("
            + PosixFilePermissions.toString(perms) + "); run chmod 600 on it");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw error(file, "it is larger than " + MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
      chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.length() && chars.charAt(end) != '\n') {
        end++;
      }
      if (end > 0 && chars.charAt(end - 1) == '\r') {
        end--;
      }
      if (end == 0) {
        throw error(file, "its first line is empty");
      }
      char[] out = new char[end];
      chars.get(out, 0, end);
      return out;
    } catch (CharacterCodingException e) {
      throw error(file, "it is not UTF-8");
    } catch (UnsupportedOperationException e) {
      throw error(file, "the file system has no POSIX permissions to check");
    } catch (IOException e) {
      throw error(file, "cannot read it (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  private static ConfigurationException error(Path file, String detail) {
    return new ConfigurationException("THY-E304", "E3.4", "passphrase file " + file + ": "
        + detail, List.of(), null);
  }
}
