package thymos.api.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import thymos.api.ProtocolViolation;
import thymos.api.crypto.DocType;
import thymos.api.crypto.Hash32;
import thymos.api.crypto.Ids;
import thymos.api.json.Json;
import thymos.api.json.JsonArray;
import thymos.api.json.JsonObject;
import thymos.api.json.StrictObject;

/**
 * An immutable snapshot of the world (M5): the fold of committed deltas, mapping {@link
 * ResourceKey} to {@link ResourceState}.
 *
 * <p>Reads ({@link #get}, {@link #live}) hide retracted resources (M5.2); the canonical form and
 * {@link #hash()} include them (R4). The resources are held in a persistent tree, so {@link
 * #apply} returns a new world in O(ops · log n) and leaves this one unchanged; lookups are
 * O(log n); the sorted map views are built on first use. Folding a long trajectory is faster
 * through a {@link WorldBuilder}, which changes one hash map in place. Immutable and thread-safe.
 */
public final class World {

  /** The empty world, {@code World_0} (M5.3). */
  public static final World EMPTY = new World(null);

  private final ResourceTree.Node root;
  /** The sorted view, built on first use (a benign race: every build is equal). */
  private volatile SortedMap<ResourceKey, ResourceState> sorted;

  private World(ResourceTree.Node root) {
    this.root = root;
  }

  /** A world holding exactly {@code resources} (retracted ones included). */
  public static World of(Map<ResourceKey, ResourceState> resources) {
    return fromSorted(new TreeMap<>(resources));
  }

  /** The live (not retracted) state of {@code key}, if any (M5.2). */
  public Optional<ResourceState> get(ResourceKey key) {
    ResourceState s = ResourceTree.get(root, key);
    return s == null || s.retracted() ? Optional.empty() : Optional.of(s);
  }

  /** The state of {@code key} including a retracted one, for replay, snapshots and the kernel. */
  public Optional<ResourceState> stateIncludingRetracted(ResourceKey key) {
    return Optional.ofNullable(ResourceTree.get(root, key));
  }

  /** The number of resources, retracted ones included. */
  public int size() {
    return ResourceTree.size(root);
  }

  /** The live resources in canonical key order (M5.2). */
  public SortedMap<ResourceKey, ResourceState> live() {
    TreeMap<ResourceKey, ResourceState> out = new TreeMap<>();
    all().forEach((k, s) -> {
      if (!s.retracted()) {
        out.put(k, s);
      }
    });
    return Collections.unmodifiableSortedMap(out);
  }

  /** Every resource, retracted ones included, in canonical key order (R4). */
  public SortedMap<ResourceKey, ResourceState> all() {
    SortedMap<ResourceKey, ResourceState> view = sorted;
    if (view == null) {
      TreeMap<ResourceKey, ResourceState> map = new TreeMap<>();
      ResourceTree.forEach(root, map::put);
      view = Collections.unmodifiableSortedMap(map);
      sorted = view;
    }
    return view;
  }

  /** A builder starting from this world (for folding further deltas). */
  public WorldBuilder toBuilder() {
    return new WorldBuilder(all());
  }

  /**
   * Applies {@code delta} atomically (M5.1): the new world, or the first conflict, in which case
   * this world is unchanged (it is immutable). Costs O(ops · log n); nothing is copied.
   *
   * @param entryId the id of the entry whose delta this is (becomes {@code last_entry})
   */
  public DeltaResult apply(Delta delta, Hash32 entryId) {
    List<DeltaOp> ops = delta.ops();
    ResourceState[] next = new ResourceState[ops.size()];
    Optional<DeltaConflict> conflict =
        WorldBuilder.validate(ops, entryId, next, k -> ResourceTree.get(root, k));
    if (conflict.isPresent()) {
      return conflict.get();
    }
    ResourceTree.Node r = root;
    for (int i = 0; i < next.length; i++) {
      r = ResourceTree.put(r, ops.get(i).key(), next[i]);
    }
    return new DeltaResult.Applied(new World(r));
  }

  /** Whether {@code delta} would apply to this world (M5.1), without building the result. */
  public Optional<DeltaConflict> check(Delta delta) {
    List<DeltaOp> ops = delta.ops();
    return WorldBuilder.validate(ops, Hash32.of(new byte[Hash32.LENGTH]),
        new ResourceState[ops.size()], k -> ResourceTree.get(root, k));
  }

  /** The canonical form {@code {"resources": [...]}} (R4). */
  public JsonObject toJson() {
    return canonical(all());
  }

  /** {@code id("world", canonical form)} (R4). */
  public Hash32 hash() {
    return Ids.id(DocType.WORLD, toJson());
  }

  static JsonObject canonical(SortedMap<ResourceKey, ResourceState> sorted) {
    List<Json> items = new ArrayList<>(sorted.size());
    sorted.forEach((k, s) -> items.add(Members.create().put("kind", k.kind()).put("id", k.id())
        .put("version", s.version()).put("retracted", s.retracted()).put("value", s.value())
        .put("last_entry", s.lastEntry().toJson()).build()));
    return Members.create().put("resources", Json.array(items)).build();
  }

  /**
   * Reads the canonical form strictly (E1.5), e.g. from a snapshot (R6).
   *
   * @throws ProtocolViolation for a malformed resource, or resources not in strictly increasing
   *     key order (R4)
   */
  public static World fromJson(Json json, String pointer) {
    StrictObject o = StrictObject.of(json, pointer);
    JsonArray items = o.array("resources");
    o.end();
    TreeMap<ResourceKey, ResourceState> map = new TreeMap<>();
    ResourceKey previous = null;
    for (int i = 0; i < items.size(); i++) {
      String at = StrictObject.child(o.pointer("resources"), i);
      StrictObject r = StrictObject.of(items.get(i), at);
      ResourceKey key = new ResourceKey(r.string("kind"), r.string("id"));
      long version = r.nonNegative("version");
      if (version < 1) {
        throw new ProtocolViolation("M5.2", r.pointer("version"), "version must be >= 1, found 0");
      }
      ResourceState s = new ResourceState(version, r.value("value"), r.bool("retracted"),
          r.read("last_entry", Hash32::fromJson));
      r.end();
      if (previous != null && previous.compareTo(key) >= 0) {
        throw new ProtocolViolation("R4", at, "resources must be sorted by kind then id without"
            + " duplicates: " + key + " follows " + previous);
      }
      previous = key;
      map.put(key, s);
    }
    return fromSorted(map);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof World w && size() == w.size() && all().equals(w.all());
  }

  @Override
  public int hashCode() {
    return all().hashCode();
  }

  @Override
  public String toString() {
    return "World" + all();
  }

  static World fromSorted(TreeMap<ResourceKey, ResourceState> owned) {
    World w = new World(ResourceTree.fromSorted(new ArrayList<>(owned.entrySet())));
    w.sorted = Collections.unmodifiableSortedMap(owned);
    return w;
  }
}
