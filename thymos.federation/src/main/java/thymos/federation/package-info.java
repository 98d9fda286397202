/**
 * Anchor sinks (07 A5.2) and attested clocks (07 A6). The sink providers are found by {@link
 * java.util.ServiceLoader} under the names {@code file}, {@code http} and {@code rfc3161};
 * {@link thymos.federation.AttestedClock} and {@link thymos.federation.ClockAttestations} are
 * used directly (there is no clock plugin registry: a clock is handed to the kernel).
 */
package thymos.federation;
