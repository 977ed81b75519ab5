/**
 * The Chicory host functions for every import of {@code rapidbyte:connector/host@3.0.0}, grouped
 * by concept (frames and batches, sockets, control plane), plus the listener that receives the
 * control-plane calls.
 *
 * <p>Each function copies its guest parameters out first, does its work on the instance's
 * {@link io.rapidbyte.host.imports.HostContext}, and writes {@code ok} or {@code err} into the
 * guest's return area; a {@link io.rapidbyte.host.types.ConnectorException} becomes {@code err},
 * an unusable return area becomes a trap. Host functions run on the guest's thread; only the
 * {@link io.rapidbyte.host.imports.HostListener} may be shared across threads.
 */
package io.rapidbyte.host.imports;
