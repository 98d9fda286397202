package thymos.api.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * The members of one object as the parser read them, while their names arrive in strictly
 * increasing {@link String#compareTo} order — always so for canonical text, such as stored ledger
 * entries. Handed to {@link JsonObject}'s constructor, which takes its arrays ({@link #freeze})
 * instead of inserting member by member. Never escapes the parser; range views are unsupported.
 */
final class SortedMembers extends AbstractMap<String, Json> implements SortedMap<String, Json> {

  private String[] names = new String[8];
  private Json[] values = new Json[8];
  private int size;

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

  /** The members as an {@link ObjectMembers}; this builder must not be used afterwards. */
  ObjectMembers freeze() {
    return ObjectMembers.adopt(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
  }

  @Override
  public int size() {
    return size;
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
        return size;
      }

      @Override
      public Iterator<Entry<String, Json>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Json> next() {
            if (next >= size) {
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
    if (size == 0) {
      throw new NoSuchElementException();
    }
    return names[0];
  }

  @Override
  public String lastKey() {
    if (size == 0) {
      throw new NoSuchElementException();
    }
    return names[size - 1];
  }

  @Override
  public SortedMap<String, Json> subMap(String fromKey, String toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<String, Json> headMap(String toKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SortedMap<String, Json> tailMap(String fromKey) {
    throw new UnsupportedOperationException();
  }
}
