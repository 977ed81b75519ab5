/**
 * Connector modules and instances: {@link io.rapidbyte.host.lifecycle.ConnectorModule} (parsed
 * and compiled once per JVM, keyed by SHA-256, shareable) and
 * {@link io.rapidbyte.host.lifecycle.ConnectorInstance} (one run, one thread, owns its frames
 * and sockets, exposes the WIT exports of its {@link io.rapidbyte.host.lifecycle.Role}).
 */
package io.rapidbyte.host.lifecycle;
