/**
 * Secret redaction before persistence (spec 05 X8): key-name and value-shape detectors applied to
 * everything that came from outside, before it is hashed or written.
 */
package thymos.kernel.redaction;
