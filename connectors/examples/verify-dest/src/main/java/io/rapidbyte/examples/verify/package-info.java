/**
 * Example destination connector {@code example-verify}: counts rows and computes an
 * order-independent checksum over a documented canonical encoding
 * ({@link io.rapidbyte.examples.verify.CanonicalRowEncoder}), reporting through metrics, state and
 * dest checkpoints.
 */
package io.rapidbyte.examples.verify;
