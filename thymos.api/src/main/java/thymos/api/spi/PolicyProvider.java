package thymos.api.spi;

import java.util.List;
import thymos.api.json.JsonObject;

/**
 * A plugin that supplies policies (P1: "policies reach the kernel through the SPI"), found with
 * {@link java.util.ServiceLoader} and selected by name in the configured order.
 *
 * <p>Contract for implementers: a provider is tiny and side-effect free — a public no-arg
 * constructor, {@link #name()} and {@link #specVersion()} do no I/O; work starts in {@link
 * #policies(JsonObject)}. The policies themselves obey the {@link Policy} contract (pure, no I/O).
 * Register it with {@code provides thymos.api.spi.PolicyProvider with …} in {@code
 * module-info.java} and in {@code META-INF/services}.
 */
public interface PolicyProvider {

  /** The version of this contract a provider must implement to be selected. */
  String SPEC_VERSION = "1";

  /** The provider's name: what configuration selects it by, and what errors list. */
  String name();

  /** The contract version implemented; selection refuses any other than {@link #SPEC_VERSION}. */
  String specVersion();

  /**
   * Opens the provider and returns its policies, in the order the engine runs them (P2). Called
   * once for each time configuration selects the provider.
   *
   * @param config the configuration given with the selection; {@link JsonObject#EMPTY} when none
   * @return the policies, never {@code null}; possibly empty
   * @throws thymos.api.ConfigurationException if the configuration is unusable
   */
  List<Policy> policies(JsonObject config);
}
