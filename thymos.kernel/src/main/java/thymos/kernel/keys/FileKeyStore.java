package thymos.kernel.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import thymos.api.ConfigurationException;
import thymos.api.crypto.Ed25519Signer;
import thymos.api.crypto.PublicKey;
import thymos.api.spi.Entropy;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;

/**
 * The built-in {@link KeyStore} (E3.4): one folder, one key per file, the alias being the file
 * name without its suffix.
 *
 * <ul>
 *   <li>{@code <alias>.key}: the 32-byte seed as 64 lowercase hex characters, optionally followed
 *       by a newline;
 *   <li>{@code <alias>.pem}: an unencrypted PKCS#8 Ed25519 key, {@code -----BEGIN PRIVATE
 *       KEY-----} (RFC 8410, OID 1.3.101.112);
 *   <li>{@code <alias>.pem}: the same key encrypted with a passphrase, {@code -----BEGIN ENCRYPTED
 *       PRIVATE KEY-----} (RFC 5958 EncryptedPrivateKeyInfo, PBES2 with PBKDF2-HMAC-SHA256 and
 *       AES-256-CBC — the JDK's {@code PBEWithHmacSHA256AndAES_256}, OpenSSL 3's default).
 * </ul>
 *
 * <p>Aliases match {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. Hidden files, folders and files with
 * other suffixes are ignored. Every key file is read when the store is opened, and the store
 * fails closed: a key file that group or others may read or write, a folder that group or others
 * may write, a file system without POSIX permissions, a malformed file, a wrong length or two
 * files for one alias is a {@link ConfigurationException} {@code THY-E304} (E3.4) naming the file
 * and never its content. Encrypted files are decrypted at open too, so every error surfaces there
 * and the passphrase is cleared before {@code open} returns; an encrypted file without a
 * passphrase, or one that does not decrypt, is {@code THY-E304} as well. Thread-safe.
 */
public final class FileKeyStore implements KeyStore {

  /** Suffix of raw-seed files. */
  public static final String SEED_SUFFIX = ".key";
  /** Suffix of PKCS#8 PEM files. */
  public static final String PEM_SUFFIX = ".pem";
  /**
   * PBKDF2-HMAC-SHA256 iterations of the files {@link #generateEncrypted} writes: OWASP's 2023
   * figure for this PRF (its 210,000 is for HMAC-SHA512); about 0.3 s per key, warm, on the
   * build machine.
   */
  public static final int ENCRYPTION_ITERATIONS = 600_000;

  /** Far above any key file; stops a mistaken path from being read whole. */
  private static final long MAX_FILE_BYTES = 16 * 1024;
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS_READ_WRITE = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path folder;
  private final Map<String, Signer> byAlias = new TreeMap<>(); // guarded by this

  private FileKeyStore(Path folder) {
    this.folder = folder;
  }

  /**
   * Opens {@code folder} and reads every key file in it; an encrypted key file is refused.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) if the folder is missing, unreadable
   *     or writable by group or others, or if any key file is refused (see the class comment)
   */
  public static FileKeyStore open(Path folder) {
    return open(folder, Passphrase.none());
  }

  /**
   * Opens {@code folder} and reads every key file in it, decrypting encrypted ones with the
   * passphrase of {@code passphrase}. The source is asked once, only if an encrypted file is
   * present, and the array it returns is cleared before this method returns.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) as {@link #open(Path)}, and for an
   *     encrypted file when {@code passphrase} has none (the message quotes {@link
   *     Passphrase#howToProvide()}) or when it does not decrypt the file ("wrong passphrase for
   *     &lt;file&gt; (or the file is damaged)")
   */
  public static FileKeyStore open(Path folder, Passphrase passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    Path dir = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw KeyFiles.error(dir, "the key folder does not exist or is not a folder");
    }
    Set<PosixFilePermission> dirPerms = permissions(dir);
    if (dirPerms.contains(PosixFilePermission.GROUP_WRITE)
        || dirPerms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw KeyFiles.error(dir, "the key folder is writable by group or others ("
          + PosixFilePermissions.toString(dirPerms) + "), so its keys could be replaced; "
          + "allow writing by the owner only");
    }
    FileKeyStore store = new FileKeyStore(dir);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    } catch (IOException e) {
      throw KeyFiles.error(dir, "cannot list the key folder", e);
    }
    try (Unlock unlock = new Unlock(passphrase)) {
      for (Path file : files) {
        store.add(file, unlock);
      }
    }
    return store;
  }

  /** Reads {@code file} into this store unless it is not a key file; called by open only. */
  private void add(Path file, Unlock unlock) {
    String name = file.getFileName().toString();
    String alias = alias(name);
    if (alias == null || name.startsWith(".") || !Files.isRegularFile(file)) {
      return;
    }
    if (!ALIAS.matcher(alias).matches()) {
      throw KeyFiles.error(file, "the alias '" + alias + "' does not match " + ALIAS);
    }
    if (byAlias.containsKey(alias)) {
      throw KeyFiles.error(file, "a second key file for alias '" + alias + "'");
    }
    byAlias.put(alias, load(file, name.endsWith(PEM_SUFFIX), unlock));
  }

  /** The passphrase, asked for at the first encrypted file and cleared on close. */
  private static final class Unlock implements AutoCloseable {
    private final Passphrase source;
    private char[] chars;

    Unlock(Passphrase source) {
      this.source = source;
    }

    char[] chars(Path file) {
      if (chars == null) {
        chars = source.chars().orElseThrow(() -> KeyFiles.error(file, "the key file is "
            + "encrypted and no passphrase was given; " + source.howToProvide()));
      }
      return chars;
    }

    @Override
    public void close() {
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  /** The folder this store reads, absolute. */
  public Path folder() {
    return folder;
  }

  @Override
  public synchronized Optional<Signer> find(PublicKey publicKey) {
    return byAlias.values().stream().filter(s -> s.publicKey().equals(publicKey)).findFirst();
  }

  @Override
  public synchronized Optional<Signer> findByAlias(String alias) {
    return alias == null ? Optional.empty() : Optional.ofNullable(byAlias.get(alias));
  }

  @Override
  public synchronized List<String> aliases() {
    return List.copyOf(byAlias.keySet());
  }

  @Override
  public synchronized List<PublicKey> publicKeys() {
    List<PublicKey> keys = new ArrayList<>(byAlias.size());
    byAlias.values().forEach(s -> keys.add(s.publicKey()));
    return List.copyOf(keys);
  }

  /**
   * Generates a key from {@code entropy} (I6: the kernel has no RNG of its own), writes it as
   * {@code <alias>.key} and adds it to this store. The file is created in one step with
   * permissions {@code rw-------} (never readable by others, not even briefly) and flushed to
   * disk before the signer is returned. An existing file is never overwritten.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) for an invalid or taken alias, or if
   *     the file cannot be written
   */
  public synchronized Signer generate(String alias, Entropy entropy) {
    return create(alias, SEED_SUFFIX, entropy, FileKeyStore::seedFileText);
  }

  /**
   * Mints a key for the kernel (09 §D1, W6) as {@link #generate} does: an owner-only, unencrypted
   * {@code <alias>.key} file (the store does not keep the passphrase it was opened with).
   */
  @Override
  public Optional<Signer> mint(String alias, Entropy entropy) {
    return Optional.of(generate(alias, entropy));
  }

  /**
   * Generates a key from {@code entropy} like {@link #generate}, but writes it as {@code
   * <alias>.pem} encrypted with {@code passphrase}: PBES2, PBKDF2-HMAC-SHA256 with {@value
   * #ENCRYPTION_ITERATIONS} iterations and a 16-byte salt, AES-256-CBC with a 16-byte IV (salt
   * and IV from {@code entropy}), over an RFC 8410 PKCS#8 key — what {@code openssl pkcs8 -topk8
   * -v2 aes-256-cbc -v2prf hmacWithSHA256} writes. The caller keeps and clears {@code
   * passphrase}.
   *
   * @throws ConfigurationException {@code THY-E304} (E3.4) as {@link #generate}, or for an empty
   *     passphrase
   */
  public synchronized Signer generateEncrypted(String alias, Entropy entropy, char[] passphrase) {
    if (passphrase.length == 0) {
      throw KeyFiles.error(folder, "an empty passphrase protects nothing; give a real one or "
          + "generate an unencrypted key");
    }
    return create(alias, PEM_SUFFIX, entropy,
        seed -> EncryptedKeyFiles.encryptedPem(seed, passphrase, entropy, ENCRYPTION_ITERATIONS));
  }

  /** What a new key file holds, from its seed; the result is cleared after writing. */
  private interface Encoding {
    byte[] content(byte[] seed);
  }

  private Signer create(String alias, String suffix, Entropy entropy, Encoding encoding) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw KeyFiles.error(folder, "the alias '" + alias + "' does not match " + ALIAS);
    }
    if (byAlias.containsKey(alias)) {
      throw KeyFiles.error(folder, "alias '" + alias + "' already exists");
    }
    Path file = folder.resolve(alias + suffix);
    byte[] seed = entropy.bytes(32);
    byte[] text = null;
    try {
      Ed25519Signer signer = Ed25519Signer.fromSeed(seed);
      text = encoding.content(seed);
      KeyFiles.writeOwnerOnly(file, text);
      byAlias.put(alias, signer);
      return signer;
    } finally {
      Arrays.fill(seed, (byte) 0);
      if (text != null) {
        Arrays.fill(text, (byte) 0);
      }
    }
  }

  /** Names the folder and the aliases, never key material (E3.4). */
  @Override
  public synchronized String toString() {
    return "FileKeyStore[" + folder + ", aliases=" + byAlias.keySet() + "]";
  }

  /** Lowercase hex and a newline, built in a byte array (no String) so it can be wiped. */
  private static byte[] seedFileText(byte[] seed) {
    byte[] digits = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};
    byte[] text = new byte[seed.length * 2 + 1];
    for (int i = 0; i < seed.length; i++) {
      text[2 * i] = digits[(seed[i] >> 4) & 0xf];
      text[2 * i + 1] = digits[seed[i] & 0xf];
    }
    text[text.length - 1] = '\n';
    return text;
  }

  private static String alias(String fileName) {
    for (String suffix : List.of(SEED_SUFFIX, PEM_SUFFIX)) {
      if (fileName.endsWith(suffix)) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return null;
  }

  private static Signer load(Path file, boolean pem, Unlock unlock) {
    Set<PosixFilePermission> perms = permissions(file);
    if (!java.util.Collections.disjoint(perms, GROUP_OR_OTHERS_READ_WRITE)) {
      throw KeyFiles.error(file, "the key file is readable or writable by group or others ("
          + PosixFilePermissions.toString(perms) + "); run chmod 600 on it");
    }
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw KeyFiles.error(file, "a key file is at most " + MAX_FILE_BYTES + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw KeyFiles.error(file, "cannot read the key file", e);
    }
    byte[] seed = null;
    try {
      if (!pem) {
        seed = KeyFiles.rawSeed(content, file);
      } else if (KeyFiles.startsWith(content, EncryptedKeyFiles.BEGIN)) {
        seed = EncryptedKeyFiles.seed(content, file, unlock.chars(file));
      } else {
        seed = KeyFiles.pemSeed(content, file);
      }
      return Ed25519Signer.fromSeed(seed);
    } finally {
      Arrays.fill(content, (byte) 0);
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
    }
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    try {
      return Files.getPosixFilePermissions(path);
    } catch (UnsupportedOperationException e) {
      throw KeyFiles.error(path, "the file system has no POSIX permissions, so the store cannot "
          + "check that key files are owner-only; it refuses to open");
    } catch (IOException e) {
      throw KeyFiles.error(path, "cannot read the permissions", e);
    }
  }
}
