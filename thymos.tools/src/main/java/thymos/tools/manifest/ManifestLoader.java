package thymos.tools.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import thymos.api.ConfigurationException;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Ed25519;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;

/**
 * Loads the {@code *.json} manifests of configured folders (T6.4), in file-name order, not
 * recursively, refusing symbolic links. Each file is parsed strictly as I-JSON (E1.2), read by
 * {@link ManifestReader}, and checked for trust (T6.3):
 *
 * <ul>
 *   <li>a signed manifest ({@code signer} and {@code signature}) must verify strictly under its
 *       {@code signer} over {@code tagged("manifest", manifest without signature)} (E3.2, E4.3),
 *       and the signer must be a trusted key — an untrusted signer is refused, whatever the effect;
 *   <li>an {@code exec} or {@code http} manifest declaring {@code pure}, {@code read} or
 *       {@code write} must be signed by a trusted key.
 * </ul>
 *
 * Every error is a {@link ConfigurationException} with a THY-T6xx code naming the file and the
 * JSON pointer.
 */
final class ManifestLoader {

  /** The largest manifest file read, 1 MiB. */
  static final long MAX_FILE_BYTES = 1L << 20;

  private ManifestLoader() {}

  /** A manifest and the file it came from. */
  record Loaded(Manifest manifest, Path file) {}

  /**
   * Loads every manifest of {@code folders}.
   *
   * @throws ConfigurationException {@code THY-T601}–{@code THY-T604} naming file and pointer
   */
  static List<Loaded> load(List<Path> folders, Set<PublicKey> trusted) {
    List<Loaded> out = new ArrayList<>();
    Map<String, Path> byName = new HashMap<>();
    for (Path folder : folders) {
      for (Path file : files(folder)) {
        Manifest m = loadFile(file, trusted);
        Path other = byName.putIfAbsent(m.descriptor().name(), file);
        if (other != null) {
          throw ManifestError.at(ManifestError.LOAD, file, "/name", "tool \""
              + m.descriptor().name() + "\" is already declared by " + other, null);
        }
        out.add(new Loaded(m, file));
      }
    }
    return List.copyOf(out);
  }

  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw ManifestError.at(ManifestError.LOAD, folder, "", "not a folder (symbolic links"
          + " are not followed)", null);
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw ManifestError.at(ManifestError.LOAD, folder, "", "cannot list: " + e, e);
    }
  }

  /** Loads one file (T6.4). */
  static Manifest loadFile(Path file, Set<PublicKey> trusted) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw ManifestError.at(ManifestError.LOAD, file, "", "not a regular file (symbolic"
            + " links are not followed)", null);
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw ManifestError.at(ManifestError.LOAD, file, "", "larger than " + MAX_FILE_BYTES
            + " bytes", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ManifestError.at(ManifestError.LOAD, file, "", "cannot read: " + e, e);
    }
    Json doc;
    try {
      doc = Json.parse(bytes);
    } catch (ProtocolViolation v) {
      throw ManifestError.at(ManifestError.FORMAT, file, v.pointer(), "not I-JSON: "
          + v.getMessage(), v);
    }
    Manifest m;
    try {
      m = ManifestReader.read(doc);
    } catch (ManifestError.Problem p) {
      throw ManifestError.at(p.code, file, p.pointer, p.getMessage(), null);
    }
    checkTrust(m, file, trusted);
    return m;
  }

  private static void checkTrust(Manifest m, Path file, Set<PublicKey> trusted) {
    if (m.signer().isPresent()) {
      PublicKey signer = m.signer().get();
      if (!Ed25519.verify(signer, DocType.MANIFEST, m.unsigned(), m.signature().get())) {
        throw ManifestError.at(ManifestError.TRUST, file, "/signature", "does not verify under"
            + " signer " + signer.hex() + " over tagged(\"manifest\", manifest without"
            + " signature) (E3.2)", null);
      }
      if (!trusted.contains(signer)) {
        throw ManifestError.at(ManifestError.TRUST, file, "/signer", "key " + signer.hex()
            + " is not among the provider's trusted_keys", null);
      }
      return;
    }
    if (Manifest.belowExternal(m.descriptor().effect())) {
      String kind = m.run() instanceof Manifest.ExecRun ? "exec" : "http";
      throw ManifestError.at(ManifestError.TRUST, file, "/effect", "an unsigned " + kind
          + " manifest is at least external; \"" + m.descriptor().effect().wire()
          + "\" needs a signature by a trusted key (T6.3)", null);
    }
  }
}
