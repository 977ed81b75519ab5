/**
 * The Connect single-message transform that runs a wasm transform module on one record's batch
 * ({@link io.rapidbyte.connect.transforms.WasmTransform}).
 */
package io.rapidbyte.connect.transforms;
