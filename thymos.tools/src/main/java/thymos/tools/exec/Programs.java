package thymos.tools.exec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile resolved at start-up (T4.2): each program name mapped to the absolute path of the
 * first executable regular file of that name on the fixed search path. Names not found are left
 * out (and refused like any program outside the profile).
 */
final class Programs {

  private final String profile;
  private final Map<String, Path> byName;
  private final List<String> missing;

  private Programs(String profile, Map<String, Path> byName, List<String> missing) {
    this.profile = profile;
    this.byName = Map.copyOf(byName);
    this.missing = List.copyOf(missing);
  }

  static Programs resolve(String profile, List<String> names, List<String> path) {
    Map<String, Path> found = new LinkedHashMap<>();
    List<String> missing = new java.util.ArrayList<>();
    for (String name : names) {
      Optional<Path> p = path.stream().map(d -> Path.of(d, name))
          .filter(f -> Files.isRegularFile(f) && Files.isExecutable(f)).findFirst();
      p.ifPresentOrElse(f -> found.put(name, f.toAbsolutePath()), () -> missing.add(name));
    }
    return new Programs(profile, found, missing);
  }

  /**
   * The absolute path of {@code argv0}: a program name of the profile, or exactly the absolute
   * path the profile resolved one to; empty for anything else (T4.2).
   */
  Optional<Path> lookup(String argv0) {
    if (byName.containsKey(argv0)) {
      return Optional.of(byName.get(argv0));
    }
    try {
      Path p = Path.of(argv0);
      return byName.values().stream().filter(p::equals).findFirst();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  String profile() {
    return profile;
  }

  /** Program names of the profile that were not found on the search path. */
  List<String> missing() {
    return missing;
  }

  /** The resolved names, for messages. */
  List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }
}
