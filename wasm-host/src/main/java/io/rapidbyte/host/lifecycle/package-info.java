/**
 * Connector modules and instances: {@link io.rapidbyte.host.lifecycle.ConnectorModule} (parsed
 * and compiled once per JVM, keyed by SHA-256, shareable) and
 * {@link io.rapidbyte.host.lifecycle.ConnectorInstance} (one run, one thread, owns its frames
 * and sockets, exposes the WIT exports of its {@link io.rapidbyte.host.lifecycle.Role}). An
 * instance's linear memory is made of 64 KiB pages from a JVM-wide, bounded, thread-safe pool that
 * closed instances give their pages back to; pages are zeroed when taken.
 */
package io.rapidbyte.host.lifecycle;
