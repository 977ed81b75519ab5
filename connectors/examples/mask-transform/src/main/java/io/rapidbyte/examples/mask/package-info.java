/**
 * Example transform {@code example-mask}: hashes, redacts or drops named columns of every batch
 * ({@link io.rapidbyte.examples.mask.MaskTransform}).
 */
package io.rapidbyte.examples.mask;
