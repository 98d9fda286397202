package thymos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import thymos.api.ConfigurationException;
import thymos.api.crypto.PublicKey;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.JsonString;
import thymos.api.spi.Clock;
import thymos.api.spi.Entropy;
import thymos.api.spi.KeyStore;
import thymos.api.spi.Signer;
import thymos.api.spi.SystemClock;
import thymos.api.spi.SystemEntropy;
import thymos.kernel.authority.AuthorityLedger;
import thymos.kernel.authority.TrustAnchor;
import thymos.kernel.authority.TrustAnchors;
import thymos.kernel.keys.FileKeyStore;
import thymos.kernel.keys.Passphrase;
import thymos.kernel.policy.PolicyProviders;
import thymos.kernel.registry.ToolRegistry;
import thymos.kernel.run.ApprovalChannel;
import thymos.kernel.run.Kernel;
import thymos.ledger.spi.LedgerBackend;
import thymos.ledger.spi.LedgerConfig;
import thymos.ledger.spi.Ledgers;

/**
 * An opened project: its folder, config, key store, ledger, authority and kernel. The ledger URI
 * comes from {@code --ledger}, else {@code THYMOS_LEDGER}, else the config; a relative {@code
 * sqlite:} path is relative to the project folder. Close it to release the ledger.
 */
final class Project implements AutoCloseable {

  final Path folder;
  final ProjectConfig config;
  final Clock clock = new SystemClock();
  final Entropy entropy = new SystemEntropy();
  private FileKeyStore keys;
  private LedgerBackend ledger;
  private AuthorityLedger authority;
  private Kernel kernel;
  private final Optional<String> ledgerOverride;
  private final Passphrase passphrase;

  private Project(Path folder, ProjectConfig config, Optional<String> ledgerOverride,
      Passphrase passphrase) {
    this.folder = folder;
    this.config = config;
    this.ledgerOverride = ledgerOverride;
    this.passphrase = passphrase;
  }

  /**
   * Finds the project: {@code explicit}, else {@code THYMOS_PROJECT}, else the nearest folder
   * from the working directory up that holds {@value ProjectConfig#FILE}. Encrypted key files
   * are decrypted with {@code passphrase}.
   *
   * @throws ConfigurationException {@code THY-C001} if there is none or its config is invalid
   */
  static Project find(Optional<Path> explicit, Optional<String> ledgerOverride,
      Passphrase passphrase) {
    Optional<Path> start = explicit.or(() -> Optional.ofNullable(System.getenv("THYMOS_PROJECT"))
        .map(Path::of));
    Path folder;
    if (start.isPresent()) {
      folder = start.get().toAbsolutePath().normalize();
      if (!Files.isRegularFile(folder.resolve(ProjectConfig.FILE))) {
        throw new ConfigurationException("THY-C001", null, "no " + ProjectConfig.FILE + " in "
            + folder + "; run `thymos init " + folder + "` first", List.of(), null);
      }
    } else {
      Path here = Path.of("").toAbsolutePath();
      Path p = here;
      while (p != null && !Files.isRegularFile(p.resolve(ProjectConfig.FILE))) {
        p = p.getParent();
      }
      if (p == null) {
        throw new ConfigurationException("THY-C001", null, "no " + ProjectConfig.FILE + " in "
            + here + " or above; run `thymos init` or pass --project", List.of(), null);
      }
      folder = p;
    }
    return new Project(folder, ProjectConfig.read(folder.resolve(ProjectConfig.FILE)),
        ledgerOverride.or(() -> Optional.ofNullable(System.getenv("THYMOS_LEDGER"))), passphrase);
  }

  /** The key store (E3.4), its encrypted files decrypted with the project's passphrase. */
  FileKeyStore keys() {
    if (keys == null) {
      keys = FileKeyStore.open(folder.resolve(config.keys()), passphrase);
    }
    return keys;
  }

  /**
   * The project's key store for delegation (09 D1, W6): a writ's subject signs its children's
   * writs. Opened on first use, so a run that never delegates never reads the key files.
   */
  private KeyStore delegationKeys() {
    return new KeyStore() {
      @Override
      public Optional<Signer> find(PublicKey publicKey) {
        return keys().find(publicKey);
      }

      @Override
      public Optional<Signer> findByAlias(String alias) {
        return keys().findByAlias(alias);
      }

      @Override
      public List<String> aliases() {
        return keys().aliases();
      }

      @Override
      public List<PublicKey> publicKeys() {
        return keys().publicKeys();
      }

      @Override
      public Optional<Signer> mint(String alias, Entropy entropy) {
        return keys().mint(alias, entropy);
      }
    };
  }

  /** The signer with this alias or hex public key. */
  Signer signer(String aliasOrKey) {
    Optional<Signer> s = keys().findByAlias(aliasOrKey);
    if (s.isEmpty() && aliasOrKey.matches("[0-9a-f]{64}")) {
      s = keys().find(PublicKey.parse(aliasOrKey));
    }
    return s.orElseThrow(() -> new ConfigurationException("THY-E304", "E3.4", "no key '"
        + aliasOrKey + "' in " + keys().folder(), keys().aliases(), null));
  }

  /** A public key by alias (from the key store) or as 64 hex characters. */
  PublicKey publicKey(String aliasOrKey) {
    if (aliasOrKey.matches("[0-9a-f]{64}")) {
      return PublicKey.parse(aliasOrKey);
    }
    return signer(aliasOrKey).publicKey();
  }

  /** The ledger URI in effect, with a relative sqlite path made absolute. */
  String ledgerUri() {
    String uri = ledgerOverride.orElse(config.ledger());
    if (uri.startsWith("sqlite:") && !uri.startsWith("sqlite::memory:")) {
      Path p = Path.of(uri.substring("sqlite:".length()));
      if (!p.isAbsolute()) {
        return "sqlite:" + folder.resolve(p).normalize();
      }
    }
    return uri;
  }

  LedgerBackend ledger() {
    if (ledger == null) {
      String uri = ledgerUri();
      if (uri.startsWith("sqlite:") && !uri.startsWith("sqlite::memory:")) {
        try {
          Files.createDirectories(Path.of(uri.substring("sqlite:".length())).getParent());
        } catch (java.io.IOException e) {
          throw new ConfigurationException("THY-C001", null, "cannot create the ledger folder for "
              + uri + ": " + e.getMessage(), List.of(), e);
        }
      }
      ledger = Ledgers.open(new LedgerConfig(uri, config.ledgerOptions()));
    }
    return ledger;
  }

  TrustAnchors anchors() {
    if (config.anchors().isEmpty()) {
      throw new ConfigurationException("THY-W101", "W1.1", ProjectConfig.FILE
          + " names no trust anchor (\"anchors\"); no writ could be trusted", List.of(), null);
    }
    List<TrustAnchor> list = new ArrayList<>();
    for (String a : config.anchors()) {
      list.add(TrustAnchor.anyTenant(publicKey(a)));
    }
    return TrustAnchors.of(list);
  }

  AuthorityLedger authority() {
    if (authority == null) {
      TrustAnchors anchors = anchors();
      authority = config.runtimeKey().isPresent()
          ? AuthorityLedger.open(ledger(), anchors, clock, signer(config.runtimeKey().get()))
          : AuthorityLedger.open(ledger(), anchors, clock);
    }
    return authority;
  }

  Kernel kernel(List<thymos.kernel.run.RunListener> listeners) {
    if (kernel == null) {
      Kernel.Builder b = Kernel.builder(ledger(), authority(), clock, entropy)
          .tools(ToolRegistry.builder().serviceLoaded(toolConfig()).build())
          .policies(PolicyProviders.serviceLoaded(
              PolicyFiles.resolve(config.policies(), folder, this::publicKey)))
          .irreversibleGate(config.irreversibleGate());
      config.riskThreshold().ifPresent(b::riskThreshold);
      config.runtimeKey().ifPresent(k -> b.runtimeSigner(signer(k)));
      b.delegationKeys(delegationKeys()).coordination(config.coordination());
      for (ProjectConfig.Channel c : config.channels()) {
        List<PublicKey> approvers = c.approvers().stream().map(this::publicKey).toList();
        ApprovalChannel ch = new ApprovalChannel(c.name(), approvers, c.quorum(), c.ttlMs());
        b.channel(ch);
      }
      listeners.forEach(b::listener);
      kernel = b.build();
    }
    return kernel;
  }

  /**
   * The tool providers' configuration with every relative {@code sandbox.roots} entry resolved
   * against the project folder, so a project works from any working directory.
   */
  JsonObject toolConfig() {
    Map<String, Json> out = new LinkedHashMap<>();
    config.tools().members().forEach((provider, c) -> {
      if (c instanceof JsonObject o && o.get("sandbox").orElse(null) instanceof JsonObject sb
          && sb.get("roots").orElse(null) instanceof JsonArray roots) {
        List<Json> resolved = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
          resolved.add(roots.get(i) instanceof JsonString r
              ? Json.string(folder.resolve(r.value()).normalize().toString()) : roots.get(i));
        }
        Map<String, Json> sandbox = new LinkedHashMap<>(sb.members());
        sandbox.put("roots", Json.array(resolved));
        Map<String, Json> pc = new LinkedHashMap<>(o.members());
        pc.put("sandbox", Json.object(sandbox));
        out.put(provider, Json.object(pc));
      } else {
        out.put(provider, c);
      }
    });
    return Json.object(out);
  }

  @Override
  public void close() {
    if (ledger != null) {
      ledger.close();
    }
  }
}
