package thymos.kernel;

/** The compiler version recorded in every outcome entry (C2.4), {@code thymos-kernel/<version>}. */
public final class KernelVersion {

  /** The protocol version this kernel implements. */
  public static final String PROTOCOL = "v1";

  /** The compiler version string (C2.4). */
  public static final String COMPILER_VERSION = "thymos-kernel/0.1.0";

  private KernelVersion() {}
}
