/**
 * Example source connector {@code example-generator}: deterministic rows of every supported Arrow
 * type. {@link io.rapidbyte.examples.generator.RowValues} defines the values as plain Java, so JVM
 * tests can recompute any row; {@link io.rapidbyte.examples.generator.GeneratorSource} is the
 * connector.
 */
package io.rapidbyte.examples.generator;
