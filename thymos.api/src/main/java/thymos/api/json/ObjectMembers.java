package thymos.api.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The immutable members of a {@link JsonObject}: names in strictly increasing
 * {@link String#compareTo} order (RFC 8785) and their values, in two arrays. Replay reads every
 * member of every entry, so lookups are binary searches over a flat array rather than a tree walk,
 * and {@link StrictObject} tracks which members it read by index. Mutators throw
 * {@link UnsupportedOperationException}; range views are read-only copies.
 */
final class ObjectMembers extends AbstractMap<String, Json> implements SortedMap<String, Json> {

  static final ObjectMembers EMPTY = new ObjectMembers(new String[0], new Json[0], -1, -1);

  private final String[] names;
  private final Json[] values;
  // Where the parser read the object, [sourceFrom, sourceTo) of its input; -1 when not parsed.
  private final int sourceFrom;
  private final int sourceTo;

  private ObjectMembers(String[] names, Json[] values, int sourceFrom, int sourceTo) {
    this.names = names;
    this.values = values;
    this.sourceFrom = sourceFrom;
    this.sourceTo = sourceTo;
  }

  /**
   * Takes the arrays, which the caller hands over sorted, without nulls or duplicate names, of
   * an object the parser read from bytes {@code [from, to)} of its input.
   */
  static ObjectMembers adopt(String[] names, Json[] values, int from, int to) {
    return names.length == 0 ? EMPTY : new ObjectMembers(names, values, from, to);
  }

  /** The members of {@code members}, sorted; refuses {@code null} names and values. */
  static ObjectMembers of(Map<String, ? extends Json> members) {
    if (members instanceof ObjectMembers m) {
      return m;
    }
    SortedMap<String, ? extends Json> sorted;
    if (members instanceof SortedMap<String, ? extends Json> s && s.comparator() == null) {
      sorted = s; // already in String.compareTo order (parser output): copied in linear time
    } else if (members.size() <= SMALL) {
      return small(members);
    } else {
      TreeMap<String, Json> copy = new TreeMap<>();
      members.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "member name"),
          Objects.requireNonNull(v, k)));
      sorted = copy;
    }
    int n = sorted.size();
    String[] names = new String[n];
    Json[] values = new Json[n];
    int i = 0;
    for (var e : sorted.entrySet()) {
      names[i] = Objects.requireNonNull(e.getKey(), "name");
      values[i++] = Objects.requireNonNull(e.getValue(), e.getKey());
    }
    return n == 0 ? EMPTY : new ObjectMembers(names, values, -1, -1);
  }

  /** Up to this many members, built objects are sorted in place instead of through a tree. */
  private static final int SMALL = 32;

  /** The members of a small unsorted map: copied into arrays, then insertion-sorted. */
  private static ObjectMembers small(Map<String, ? extends Json> members) {
    int n = members.size();
    if (n == 0) {
      return EMPTY;
    }
    String[] names = new String[n];
    Json[] values = new Json[n];
    int size = 0;
    for (Map.Entry<String, ? extends Json> e : members.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "member name");
      Json value = Objects.requireNonNull(e.getValue(), name);
      int j = size++;
      while (j > 0 && names[j - 1].compareTo(name) > 0) {
        names[j] = names[j - 1];
        values[j] = values[j - 1];
        j--;
      }
      names[j] = name;
      values[j] = value;
    }
    return new ObjectMembers(names, values, -1, -1);
  }

  /**
   * Where the parser read this object in its input, or −1 when it was not parsed:
   * {@link ParsedJson#memberSpan} finds nested objects without rescanning the bytes.
   */
  int sourceFrom() {
    return sourceFrom;
  }

  /** The end (exclusive) of {@link #sourceFrom()}'s range, or −1. */
  int sourceTo() {
    return sourceTo;
  }

  /** The index of member {@code name}, or a negative number if absent. */
  int indexOf(Object name) {
    return name instanceof String s ? Arrays.binarySearch(names, s) : -1;
  }

  String nameAt(int i) {
    return names[i];
  }

  Json valueAt(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Json get(Object key) {
    int i = indexOf(key);
    return i >= 0 ? values[i] : null;
  }

  @Override
  public Comparator<? super String> comparator() {
    return null; // natural String order
  }

  @Override
  public Set<Entry<String, Json>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Entry<String, Json>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, Json> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }
    };
  }

  @Override
  public String firstKey() {
    if (names.length == 0) {
      throw new NoSuchElementException();
    }
    return names[0];
  }

  @Override
  public String lastKey() {
    if (names.length == 0) {
      throw new NoSuchElementException();
    }
    return names[names.length - 1];
  }

  @Override
  public SortedMap<String, Json> subMap(String fromKey, String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).subMap(fromKey, toKey));
  }

  @Override
  public SortedMap<String, Json> headMap(String toKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).headMap(toKey));
  }

  @Override
  public SortedMap<String, Json> tailMap(String fromKey) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(this).tailMap(fromKey));
  }
}
