/**
 * Built-in key storage (E3.4): a file-backed {@link thymos.api.spi.KeyStore} that refuses
 * world-readable key files and never reveals key material.
 */
package thymos.kernel.keys;
