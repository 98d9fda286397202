package thymos.api.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Locates and reads the official vectors. A missing property or unreadable folder fails the test,
 * never skips it. JSON vector files are read with Jackson's streaming parser into plain maps and
 * lists, so these tests do not depend on the code under test for reading their inputs.
 */
public final class CryptoVectors {

  private CryptoVectors() {}

  /** {@code <vectors>/<first>/<more…>}, checked to exist and be readable. */
  public static Path path(String first, String... more) {
    String root = System.getProperty("thymos.vectors");
    if (root == null || root.isBlank()) {
      throw new AssertionError("system property thymos.vectors is not set (surefire sets it)");
    }
    Path p = Path.of(root, first).resolve(Path.of("", more));
    if (!Files.exists(p) || !Files.isReadable(p)) {
      throw new AssertionError("vector file or folder missing or unreadable: " + p);
    }
    return p;
  }

  /** Reads a JSON file as maps (member order kept), lists, strings, numbers, booleans, null. */
  public static Object readJson(Path file) {
    try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), file)) {
      p.nextToken();
      return value(p);
    }
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static Object value(JsonParser p) {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          p.nextToken();
          m.put(name, value(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT -> {
        // The RFC 9162 vectors hold uint64 indices; their 2^64-1 cases are beyond any tree a long
        // can size, so they read as Long.MAX_VALUE, still an index >= the tree size. No other
        // vector holds an integer beyond a long.
        java.math.BigInteger v = p.getBigIntegerValue();
        return v.bitLength() < 64 ? v.longValue() : Long.MAX_VALUE;
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new AssertionError("unexpected token " + t);
    }
  }
}
