package thymos.api.json;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Collects the members of one object while the parser reads them and their names arrive in
 * strictly increasing {@link String#compareTo} order — always so for canonical text, such as
 * stored ledger entries. {@link #freeze} hands the arrays to an {@link ObjectMembers} instead of
 * inserting member by member; {@link #toTreeMap} continues in a map once a name is out of order.
 */
final class SortedMembers {

  private String[] names = new String[8];
  private Json[] values = new Json[8];
  private int size;

  /** Empties this builder for the next object; returns it. */
  SortedMembers clear() {
    size = 0;
    return this;
  }

  /** Whether {@code name} sorts after every name so far, so that {@link #append} may take it. */
  boolean accepts(String name) {
    return size == 0 || names[size - 1].compareTo(name) < 0;
  }

  /** Appends a member whose name {@link #accepts} said sorts last. */
  void append(String name, Json value) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size++] = value;
  }

  /**
   * The members as an {@link ObjectMembers} of the object read from bytes {@code [from, to)}
   * (copied: the builder may be {@linkplain #clear() cleared} and reused).
   */
  ObjectMembers freeze(int from, int to) {
    return ObjectMembers.adopt(Arrays.copyOf(names, size), Arrays.copyOf(values, size), from,
        to);
  }

  /** The members so far in a map, for text whose names are not in order. */
  TreeMap<String, Json> toTreeMap() {
    TreeMap<String, Json> map = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }
}
