package thymos.tools.sandbox;

/**
 * What a tool wants to do with a path; the deny list can differ between the two (T3.3: by default
 * {@code .git/**} is denied for writes only).
 */
public enum Access {
  /** Reading a file or listing a folder. */
  READ,
  /** Creating, overwriting or deleting a file, or creating folders. */
  WRITE
}
